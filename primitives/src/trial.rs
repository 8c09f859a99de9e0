//! The vocabulary of clinical-trial integrity, shared by the trial-anchoring pallet, its runtime
//! API and the client: which documents a trial anchors, its milestones, why a document changed,
//! and the format of the public registry ids trials are known by.
//!
//! Nothing here is personal data: a trial's registry id, the hashes of its protocol and its
//! analysis plan and the dates of its milestones are public once the trial is registered.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
#[cfg(feature = "std")]
use serde::{Deserialize, Serialize};

/// The longest registry id accepted: an EU CT number, `YYYY-NNNNNN-NN-NN`, has 17 characters.
pub const MAX_TRIAL_ID_LEN: u32 = 17;

/// Whether `id` is a public trial registry id in one of the formats the chain accepts:
/// a ClinicalTrials.gov number (`NCT` and 8 digits, e.g. `NCT04368728`) or an EU CT number of
/// the Clinical Trials Information System (`YYYY-NNNNNN-NN-NN`, e.g. `2023-503245-41-00`, the
/// year from 2004 on). Letters must be upper case: one trial has one id.
pub fn is_valid_trial_id(id: &[u8]) -> bool {
	let digits = |part: &[u8]| part.iter().all(u8::is_ascii_digit);
	match id {
		[b'N', b'C', b'T', rest @ ..] => rest.len() == 8 && digits(rest),
		_ if id.len() == 17 => {
			let dashes = [4, 11, 14];
			let year_ok = digits(&id[..4]) && &id[..4] >= b"2004".as_slice();
			year_ok
				&& id.iter().enumerate().all(|(i, c)| {
					if dashes.contains(&i) {
						*c == b'-'
					} else {
						c.is_ascii_digit()
					}
				})
		},
		_ => false,
	}
}

/// The kinds of trial document whose versions the chain anchors. Each kind has its own line of
/// versions (1, 2, ...); a new version of a protocol *is* its amendment, with the reason given.
/// The SCALE indices are fixed: new kinds are appended.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "as-type", derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType))]
pub enum DocumentKind {
	/// The trial protocol (objectives, design, primary and secondary outcomes).
	#[codec(index = 0)]
	Protocol,
	/// The statistical analysis plan: how the outcomes will be analysed.
	#[codec(index = 1)]
	StatisticalAnalysisPlan,
	/// The informed-consent form participants sign.
	#[codec(index = 2)]
	InformedConsentForm,
	/// The clinical study report: the results.
	#[codec(index = 3)]
	ClinicalStudyReport,
}

impl DocumentKind {
	/// Every kind, in index order.
	pub const ALL: [DocumentKind; 4] = [
		Self::Protocol,
		Self::StatisticalAnalysisPlan,
		Self::InformedConsentForm,
		Self::ClinicalStudyReport,
	];
}

/// Why a document version was anchored: the first version, or what kind of change a later one
/// is. A coded reason in the manner of a FHIR `CodeableConcept` with a fixed code system
/// (ICH E6 and the EU Clinical Trials Regulation's distinction of substantial modifications).
/// The SCALE indices are fixed: new reasons are appended.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "as-type", derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType))]
pub enum ChangeReason {
	/// The first version of the document.
	#[codec(index = 0)]
	Initial,
	/// A substantial modification: likely to affect participants' safety or rights, or the
	/// reliability of the data (e.g. a changed primary outcome or analysis).
	#[codec(index = 1)]
	SubstantialAmendment,
	/// A modification that is not substantial (administrative, clarifying).
	#[codec(index = 2)]
	NonSubstantialAmendment,
	/// An urgent change made to protect participants.
	#[codec(index = 3)]
	UrgentSafetyMeasure,
	/// A change an ethics committee or a regulator asked for.
	#[codec(index = 4)]
	RegulatoryRequest,
	/// A correction of an error in the previous version, without a change of substance.
	#[codec(index = 5)]
	Correction,
}

/// The milestones of a trial, each anchored once and in this order.
/// The SCALE indices are fixed: new milestones are appended.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
#[cfg_attr(feature = "std", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "std", serde(rename_all = "snake_case"))]
#[cfg_attr(feature = "as-type", derive(scale_encode::EncodeAsType, scale_decode::DecodeAsType))]
pub enum Milestone {
	/// The first participant was enrolled: from here on, a change of the protocol's outcomes or
	/// of the analysis plan is what outcome switching looks like.
	#[codec(index = 0)]
	FirstEnrolment,
	/// The database was locked: no more data changes are expected.
	#[codec(index = 1)]
	DatabaseLock,
	/// The allocation was unblinded: an analysis plan changed after this saw the results.
	#[codec(index = 2)]
	Unblinding,
	/// The results were posted.
	#[codec(index = 3)]
	ResultsPosted,
}

impl Milestone {
	/// Every milestone, in the order a trial reaches them.
	pub const ALL: [Milestone; 4] =
		[Self::FirstEnrolment, Self::DatabaseLock, Self::Unblinding, Self::ResultsPosted];

	/// The milestone that must be anchored before this one, if any.
	pub fn previous(self) -> Option<Milestone> {
		match self {
			Self::FirstEnrolment => None,
			Self::DatabaseLock => Some(Self::FirstEnrolment),
			Self::Unblinding => Some(Self::DatabaseLock),
			Self::ResultsPosted => Some(Self::Unblinding),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn trial_ids_in_either_registrys_format_and_nothing_else() {
		for good in ["NCT04368728", "NCT00000001", "2023-503245-41-00", "2004-000001-10-00"] {
			assert!(is_valid_trial_id(good.as_bytes()), "{good}");
			assert!(good.len() as u32 <= MAX_TRIAL_ID_LEN);
		}
		for bad in [
			"",
			"NCT",
			"NCT0436872",
			"NCT043687281",
			"nct04368728",
			"NCT0436872A",
			"ISRCTN12345678",
			"2023-503245-41",
			"2023-503245-41-0O",
			"2023_503245-41-00",
			"2003-503245-41-00",
			"20a3-503245-41-00",
			"2023-503245-41-00 ",
		] {
			assert!(!is_valid_trial_id(bad.as_bytes()), "{bad:?}");
		}
	}

	#[test]
	fn milestones_come_in_order() {
		let mut previous = None;
		for milestone in Milestone::ALL {
			assert_eq!(milestone.previous(), previous);
			previous = Some(milestone);
		}
	}
}
