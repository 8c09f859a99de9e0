//! Runtime API of the insurance pallet, for providers verifying a patient's presentation,
//! patients' wallets and insurers (`healthchain insurance …`).
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

use codec::Codec;
pub use pallet_insurance::{
	Attestation, AttestationId, AttestationPage, Claim, ClaimError, ClaimProof, InForce, NotInForce,
};

sp_api::decl_runtime_apis! {
	/// Queries of the insurance pallet.
	pub trait InsuranceApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// The attestation with this id.
		fn attestation(attestation: AttestationId) -> Option<Attestation<AccountId, Balance, BlockNumber>>;
		/// Whether the attestation is in force now (by an insurer accredited now, within its
		/// period, neither suspended, revoked nor superseded), or the first reason it is not.
		fn coverage_status(attestation: AttestationId) -> Result<InForce<AccountId>, NotInForce>;
		/// Whether `proof` shows `claim`, with `salt`, to be committed to by the attestation
		/// (whatever its status).
		fn verify_claim(attestation: AttestationId, claim: Claim, salt: [u8; 32], proof: ClaimProof) -> Result<(), ClaimError>;
		/// Up to `limit` of `patient`'s attestations after `start_after` (the first page when
		/// `None`), and where the next page starts.
		fn attestations_of(patient: AccountId, start_after: Option<AttestationId>, limit: u32) -> AttestationPage<AccountId, Balance, BlockNumber>;
	}
}
