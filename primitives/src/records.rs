//! The vocabulary of health records that the chain and its clients share: the categories a
//! consent scopes (and which of them are sensitive), what is done with a record and why (and
//! which roles an organisation needs for each purpose), and why a token's version was written
//! (and which reasons only the chain writes). Each rule is written here once.

use crate::Role;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
#[cfg(feature = "std")]
use serde::{Deserialize, Serialize};

/// A category of health data, as a consent scopes it. Aligned with the FHIR US Core and HL7 v3
/// sensitivity categories; the last five are the sensitive categories that jurisdictions
/// commonly protect separately. The category of a record is known to the custodian holding it,
/// never stored on chain. The SCALE indices are fixed: new categories are appended.
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
pub enum DataCategory {
	/// Clinical notes and documents (FHIR `DocumentReference`).
	#[codec(index = 0)]
	ClinicalNotes,
	/// Laboratory and diagnostic reports (`DiagnosticReport`, `Observation` laboratory).
	#[codec(index = 1)]
	DiagnosticReports,
	/// Imaging studies and reports (`ImagingStudy`).
	#[codec(index = 2)]
	Imaging,
	/// Prescriptions and medication records (`MedicationRequest`, `MedicationStatement`).
	#[codec(index = 3)]
	Medications,
	/// Immunizations (`Immunization`).
	#[codec(index = 4)]
	Immunizations,
	/// Allergies and intolerances (`AllergyIntolerance`).
	#[codec(index = 5)]
	Allergies,
	/// Problems and diagnoses (`Condition`).
	#[codec(index = 6)]
	Conditions,
	/// Procedures (`Procedure`).
	#[codec(index = 7)]
	Procedures,
	/// Vital signs (`Observation` vital-signs).
	#[codec(index = 8)]
	VitalSigns,
	/// Care plans (`CarePlan`).
	#[codec(index = 9)]
	CarePlans,
	/// Mental and behavioural health (HL7 `PSY`, `BH`).
	#[codec(index = 10)]
	MentalHealth,
	/// Genetic and genomic data (HL7 `GDIS`).
	#[codec(index = 11)]
	Genomics,
	/// Sexual and reproductive health (HL7 `SEX`).
	#[codec(index = 12)]
	SexualAndReproductiveHealth,
	/// Substance use (HL7 `ETH`, `SUD`).
	#[codec(index = 13)]
	SubstanceUse,
	/// HIV/AIDS (HL7 `HIV`).
	#[codec(index = 14)]
	Hiv,
}

impl DataCategory {
	/// Every category, in index order.
	pub const ALL: [DataCategory; 15] = [
		Self::ClinicalNotes,
		Self::DiagnosticReports,
		Self::Imaging,
		Self::Medications,
		Self::Immunizations,
		Self::Allergies,
		Self::Conditions,
		Self::Procedures,
		Self::VitalSigns,
		Self::CarePlans,
		Self::MentalHealth,
		Self::Genomics,
		Self::SexualAndReproductiveHealth,
		Self::SubstanceUse,
		Self::Hiv,
	];

	/// The sensitive categories: a consent's `Sensitive` scope covers them without naming any,
	/// and a client warns before a consent names one of them on chain.
	pub const SENSITIVE: [DataCategory; 5] = [
		Self::MentalHealth,
		Self::Genomics,
		Self::SexualAndReproductiveHealth,
		Self::SubstanceUse,
		Self::Hiv,
	];

	/// Whether it is one of the [`Self::SENSITIVE`] categories.
	pub fn is_sensitive(self) -> bool {
		Self::SENSITIVE.contains(&self)
	}
}

/// What a grantee does with the data (FHIR `Consent.provision.action`).
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
pub enum Action {
	/// Read or view it.
	#[codec(index = 0)]
	Read,
	/// Write or append to it.
	#[codec(index = 1)]
	Write,
	/// Disclose it to a third party.
	#[codec(index = 2)]
	Share,
}

/// Why a grantee uses the data (HL7 `PurposeOfUse`).
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
pub enum Purpose {
	/// Treatment (`TREAT`).
	#[codec(index = 0)]
	Treatment,
	/// Payment (`HPAYMT`).
	#[codec(index = 1)]
	Payment,
	/// Research (`HRESCH`).
	#[codec(index = 2)]
	Research,
	/// Emergency treatment (`ETREAT`).
	#[codec(index = 3)]
	Emergency,
	/// Healthcare operations (`HOPERAT`).
	#[codec(index = 4)]
	Operations,
}

impl Purpose {
	/// The roles in which an organisation a consent names as grantee may be permitted for this
	/// purpose: the consent permits its agents only while it is accredited for one of them (a
	/// hospital whose provider accreditation ended gets no treatment permit because it is
	/// still, say, a data custodian).
	///
	/// | purpose | roles |
	/// |---|---|
	/// | treatment | provider, laboratory |
	/// | emergency | provider |
	/// | payment | insurer |
	/// | research | researcher, trial sponsor |
	/// | operations | provider, laboratory, data custodian |
	pub fn roles(self) -> &'static [Role] {
		match self {
			Self::Treatment => &[Role::Provider, Role::Laboratory],
			Self::Emergency => &[Role::Provider],
			Self::Payment => &[Role::Insurer],
			Self::Research => &[Role::Researcher, Role::TrialSponsor],
			Self::Operations => &[Role::Provider, Role::Laboratory, Role::DataCustodian],
		}
	}
}

/// Why a new version of a token was written.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
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
pub enum VersionReason {
	/// The first version, written at issuance (a session: when it was opened).
	#[codec(index = 0)]
	Issued,
	/// An error in the previous version was corrected (FHIR `corrected`).
	#[codec(index = 1)]
	Corrected,
	/// The content was amended after review (FHIR `amended`).
	#[codec(index = 2)]
	Amended,
	/// Information was appended (FHIR `appended`).
	#[codec(index = 3)]
	Appended,
	/// A licence or certificate was renewed (a new valid-until).
	#[codec(index = 4)]
	Renewed,
	/// The hash of a telemedicine session's record, written when it was closed.
	#[codec(index = 5)]
	SessionClosed,
}

impl VersionReason {
	/// The reasons only the chain writes (at issuance, and when a session closes): an issuer's
	/// `update` may give any other.
	pub const CHAIN_WRITTEN: [VersionReason; 2] = [Self::Issued, Self::SessionClosed];

	/// Whether only the chain writes it ([`Self::CHAIN_WRITTEN`]).
	pub fn is_chain_written(self) -> bool {
		Self::CHAIN_WRITTEN.contains(&self)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_category_is_listed_once_in_index_order() {
		for (index, category) in DataCategory::ALL.iter().enumerate() {
			assert_eq!(category.encode(), [index as u8]);
		}
		assert_eq!(DataCategory::decode(&mut &[DataCategory::ALL.len() as u8][..]).ok(), None);
	}

	#[test]
	fn the_sensitive_categories_are_the_last_five() {
		assert_eq!(DataCategory::SENSITIVE[..], DataCategory::ALL[10..]);
		assert!(DataCategory::Hiv.is_sensitive());
		assert!(!DataCategory::Imaging.is_sensitive());
	}

	#[test]
	fn every_purpose_needs_an_accredited_role_and_emergency_a_provider() {
		use crate::Role;
		for purpose in [
			Purpose::Treatment,
			Purpose::Payment,
			Purpose::Research,
			Purpose::Emergency,
			Purpose::Operations,
		] {
			assert!(!purpose.roles().is_empty(), "{purpose:?}");
		}
		assert_eq!(Purpose::Emergency.roles(), &[Role::Provider]);
		assert!(!Purpose::Payment.roles().contains(&Role::Provider), "a provider is no payer");
	}

	#[test]
	fn only_issuance_and_a_closed_session_are_the_chains_to_write() {
		assert!(VersionReason::Issued.is_chain_written());
		assert!(VersionReason::SessionClosed.is_chain_written());
		for reason in [
			VersionReason::Corrected,
			VersionReason::Amended,
			VersionReason::Appended,
			VersionReason::Renewed,
		] {
			assert!(!reason.is_chain_written(), "{reason:?}");
		}
	}
}
