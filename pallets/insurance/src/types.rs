//! The SCALE types of insurance attestations and of the runtime API's answers.

use crate::{Config, Moment, OrganisationId};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::traits::fungible::Inspect;
use frame_system::pallet_prelude::BlockNumberFor;
pub use healthchain_primitives::{
	coverage::{Claim, ClaimProof, CoverageClass, CLAIM_PROOF_HASHES, CLAIM_TREE_LEAVES},
	merkle_log::{Hash, ProofError},
};
use scale_info::TypeInfo;

/// The balance type of the pallet's currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// An attestation's id, assigned sequentially from 0 and never reused.
pub type AttestationId = u64;

/// Where an attestation stands by the insurer's acts. Whether it is *in force* also depends on
/// the time (its period) and on the insurer's accreditation, both read when asked:
/// [`crate::Pallet::coverage_status`].
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
pub enum Status {
	/// As attested.
	#[codec(index = 0)]
	Active,
	/// Suspended by the insurer (an unpaid premium, a pending check); it can reinstate it.
	#[codec(index = 1)]
	Suspended,
	/// Revoked by the insurer: final.
	#[codec(index = 2)]
	Revoked,
	/// Replaced by a renewal or an amendment: final.
	#[codec(index = 3)]
	Superseded {
		/// The attestation that replaced it.
		by: AttestationId,
	},
}

impl Status {
	/// Whether nothing can change it any more (revoked or superseded).
	pub fn is_final(self) -> bool {
		matches!(self, Status::Revoked | Status::Superseded { .. })
	}
}

/// An insurer's attestation of a patient's coverage. It holds no claim in clear: only the root
/// of the salted claim tree, the coverage period, the patient it is bound to and the insurer.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Attestation<AccountId, Balance, BlockNumber> {
	/// The insurer organisation: only its agents change the attestation, and it is in force
	/// only while the organisation is accredited as insurer.
	pub insurer: OrganisationId,
	/// The patient it is bound to: only this account can present it.
	pub patient: AccountId,
	/// The root of the claim tree ([`healthchain_primitives::coverage`]).
	pub commitment: Hash,
	/// The coverage's first moment (Unix milliseconds).
	pub starts: Moment,
	/// The first moment after the coverage (Unix milliseconds): from then on it reads as
	/// expired.
	pub ends: Moment,
	/// Where it stands by the insurer's acts.
	pub status: Status,
	/// The attestation this one renews or amends.
	pub replaces: Option<AttestationId>,
	/// The agent who attested it.
	pub attested_by: AccountId,
	/// The block that stored it.
	pub block: BlockNumber,
	/// That block's time (Unix milliseconds).
	pub time: Moment,
	/// The account the deposit is held from.
	pub depositor: AccountId,
	/// The deposit.
	pub deposit: Balance,
}

/// An attestation in force: the facts a verifier needs besides the disclosed claims.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct InForce<AccountId> {
	/// The insurer organisation, accredited as insurer now.
	pub insurer: OrganisationId,
	/// The patient the attestation is bound to.
	pub patient: AccountId,
	/// The coverage's first moment.
	pub starts: Moment,
	/// The first moment after the coverage.
	pub ends: Moment,
}

/// Why an attestation is not in force now. When several reasons hold, the first in this order
/// is given.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub enum NotInForce {
	/// No attestation has this id on this chain (never attested, or removed).
	#[codec(index = 0)]
	AttestationNotFound,
	/// The insurer revoked it.
	#[codec(index = 1)]
	Revoked,
	/// A renewal or an amendment replaced it.
	#[codec(index = 2)]
	Superseded {
		/// The attestation that replaced it.
		by: AttestationId,
	},
	/// The insurer is not accredited as insurer now (its accreditation suspended, expired or
	/// revoked, the organisation suspended or deregistered): nothing it attested is in force.
	#[codec(index = 3)]
	InsurerNotAccredited,
	/// The insurer suspended it.
	#[codec(index = 4)]
	Suspended,
	/// Its coverage period has not begun.
	#[codec(index = 5)]
	NotYetStarted,
	/// Its coverage period has ended.
	#[codec(index = 6)]
	Expired,
}

/// Why the chain does not find a claim in an attestation's commitment.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub enum ClaimError {
	/// No attestation has this id on this chain.
	#[codec(index = 0)]
	AttestationNotFound,
	/// The proof does not lead from the claim and its salt to the attestation's commitment: a
	/// claim that is not in it, a changed value or salt, or a proof of another claim.
	#[codec(index = 1)]
	Proof(ProofError),
}

/// A page of a patient's attestations.
#[derive(Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub struct AttestationPage<AccountId, Balance, BlockNumber> {
	/// The attestations, each with its id.
	pub attestations:
		alloc::vec::Vec<(AttestationId, Attestation<AccountId, Balance, BlockNumber>)>,
	/// Where the next page starts (`start_after`), if there is one.
	pub next: Option<AttestationId>,
}

/// An attestation as stored.
pub type AttestationOf<T> =
	Attestation<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// A page of attestations as the runtime answers it.
pub type AttestationPageOf<T> =
	AttestationPage<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// A patient's refusal of an insurer, and who paid its deposit.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Refusal<AccountId, Balance> {
	/// The account the deposit is held from and returned to: the patient, or the sponsor
	/// account that paid for the patient.
	pub depositor: AccountId,
	/// The deposit.
	pub deposit: Balance,
}

/// A [`Refusal`] as this runtime stores it.
pub type RefusalOf<T> = Refusal<<T as frame_system::Config>::AccountId, crate::BalanceOf<T>>;
