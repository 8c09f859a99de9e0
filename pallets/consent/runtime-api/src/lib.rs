//! Runtime API of the consent pallet, for off-chain record stores, wallets and auditors.
//!
//! A record store asks `ConsentApi_check_access` before releasing data, and enforces the
//! answer; a patient's wallet lists consents, representatives, emergency grants and the audit
//! trail (`healthchain consent …`).
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_consent::{
	AccessDecision, AccessRecord, Action, ConsentId, ConsentView, EmergencyGrant, Purpose,
	RecordScope, RepresentativeInfo,
};

sp_api::decl_runtime_apis! {
	/// Queries of the consent pallet.
	pub trait ConsentApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// May `grantee` perform `action` on `patient`'s records in `scope` for `purpose` at this
		/// block's time? Permit or deny, and the consent provision or emergency grant that
		/// decided (deny overrides permit; no consent means deny).
		fn check_access(
			grantee: AccountId,
			patient: AccountId,
			scope: RecordScope,
			action: Action,
			purpose: Purpose,
		) -> AccessDecision;
		/// Consent `id` with its status now.
		fn consent(id: ConsentId) -> Option<ConsentView<AccountId, Balance, BlockNumber>>;
		/// Every consent of `patient`, oldest first, each with its status now.
		fn consents_of(patient: AccountId) -> Vec<ConsentView<AccountId, Balance, BlockNumber>>;
		/// The representatives of `patient`, each with whether they may act now.
		fn representatives_of(patient: AccountId) -> Vec<(AccountId, RepresentativeInfo<AccountId, Balance>, bool)>;
		/// The emergency grants to `patient`'s records not yet closed.
		fn emergency_access_of(patient: AccountId) -> Vec<(AccountId, EmergencyGrant<Balance, BlockNumber>)>;
		/// Up to `limit` entries (capped by the runtime) of `patient`'s audit trail from index
		/// `start`.
		fn audit_log(patient: AccountId, start: u64, limit: u32) -> Vec<(u64, AccessRecord<AccountId, BlockNumber>)>;
	}
}
