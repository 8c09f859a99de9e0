//! Runtime API of the consent pallet, for off-chain record stores, wallets and auditors.
//!
//! A record store asks `ConsentApi_check_access` before releasing data (or
//! `ConsentApi_check_access_batch`, many records at once), and enforces the answer; a patient's wallet lists consents, representatives, emergency grants and the audit
//! trail (`healthchain consent …`).
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_consent::{
	AccessBatchError, AccessDecision, AccessQuery, AccessQuestion, AccessRecord, Action, ConsentId,
	ConsentView, EmergencyGrant, OrganisationId, Page, Purpose, RecordScope,
	RecordedRepresentative, RepresentativeInfo, ScopeOpening,
};
use sp_core::H256;

sp_api::decl_runtime_apis! {
	/// Queries of the consent pallet.
	///
	/// Version 2: an audit entry (`audit_log`) names its `depositor` and its `deposit`.
	/// Version 3: an audit entry holds a commitment to the question and the decision (no
	/// decision in clear), which `access_commitment` and `audit_entry_matches` take; recorded
	/// representatives and emergency grants come a page at a time.
	/// Version 4: a consent (`consent`, `consents_of`) names its `depositor`, the account its
	/// deposit is held from (a sponsor may pay for the grantor).
	/// Version 5: `check_access_opened`, which opens committed scopes.
	/// Version 6: `check_access_batch`, many questions in one call, at one block's state.
	#[api_version(6)]
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
		/// `check_access`, with `openings` (at most 16) opening the committed scopes
		/// (`Scope::Committed`) they match: an opened one is its category; an unopened committed
		/// deny covers every record, an unopened committed permit none (since version 5).
		fn check_access_opened(
			grantee: AccountId,
			patient: AccountId,
			scope: RecordScope,
			action: Action,
			purpose: Purpose,
			openings: Vec<ScopeOpening>,
		) -> AccessDecision;
		/// A custodian's batch: for each query, what `check_access_opened` answers for its
		/// question with its openings, in their order, all at this block's state. At most
		/// `MAX_BATCH` (256) queries; more are refused whole (`TooManyQuestions`).
		#[api_version(6)]
		fn check_access_batch(
			queries: Vec<AccessQuery<AccountId>>,
		) -> Result<Vec<AccessDecision>, AccessBatchError>;
		/// Consent `id` with its status now.
		fn consent(id: ConsentId) -> Option<ConsentView<AccountId, Balance, BlockNumber>>;
		/// Every consent of `patient`, oldest first, each with its status now.
		fn consents_of(patient: AccountId) -> Vec<ConsentView<AccountId, Balance, BlockNumber>>;
		/// The representatives of `patient`, each with whether they may act now.
		fn representatives_of(patient: AccountId) -> Vec<(AccountId, RepresentativeInfo<AccountId, Balance>, bool)>;
		/// The representatives providers recorded for `patient` that await an independent
		/// attestation, by recording organisation, a page after organisation `start_after`.
		fn recorded_representatives_of(patient: AccountId, start_after: Option<OrganisationId>, limit: u32) -> Page<(OrganisationId, RecordedRepresentative<AccountId, Balance>), OrganisationId>;
		/// The emergency grants to `patient`'s records, open or ended and not yet cleared, a page
		/// after practitioner `start_after`.
		fn emergency_access_of(patient: AccountId, start_after: Option<AccountId>, limit: u32) -> Page<(AccountId, EmergencyGrant<AccountId, Balance, BlockNumber>), AccountId>;
		/// Up to `limit` entries (capped by the runtime) of `patient`'s audit trail from index
		/// `start`.
		fn audit_log(patient: AccountId, start: u64, limit: u32) -> Vec<(u64, AccessRecord<AccountId, Balance, BlockNumber>)>;
		/// The salted commitment to an access question and the decision `check_access` gave it,
		/// which the audit trail stores (what a custodian puts in `record_access`).
		fn access_commitment(question: AccessQuestion<AccountId>, decision: AccessDecision, salt: [u8; 32]) -> H256;
		/// Whether entry `index` of the question's patient's audit trail commits to `question`
		/// and `decision` with `salt`: how a patient checks the receipt a custodian gives them.
		/// (Whether `check_access` gave that decision is `check_access` at the entry's block.)
		fn audit_entry_matches(index: u64, question: AccessQuestion<AccountId>, decision: AccessDecision, salt: [u8; 32]) -> bool;
	}
}
