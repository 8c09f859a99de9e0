//! Runtime API of the health-token ledger, for wallets, verifiers and off-chain services.
//!
//! Call it with `state_call` (e.g. `HealthTokensApi_verify`) or through the `healthchain`
//! client (`healthchain token show|list|history|verify|licence-check`).
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use healthchain_primitives::{Profession, TokenId};
pub use pallet_health_tokens::{Issuer, LicenceCheck, Page, TokenView, Verification, VersionInfo};
use sp_core::H256;

sp_api::decl_runtime_apis! {
	/// Queries of the health-token ledger.
	///
	/// Version 2: a version (`versions`) names its `depositor`, the account its deposit is held
	/// from.
	/// Version 3: a token's `owner` is optional (a refused token names none); `verify` takes
	/// the document's issuer, and `anchors_of` lists every issuer's anchor of a hash.
	#[api_version(3)]
	pub trait HealthTokensApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// Token `id` with its status at this block's time, if it exists.
		fn token(id: TokenId) -> Option<TokenView<AccountId, BlockNumber>>;
		/// Every version of token `id`, oldest first.
		fn versions(id: TokenId) -> Vec<VersionInfo<AccountId, Balance, BlockNumber>>;
		/// A page of the ids of the tokens `owner` holds: up to `limit` (capped by the
		/// runtime), after `start_after` (the last id of the previous page).
		fn tokens_of(owner: AccountId, start_after: Option<TokenId>, limit: u32) -> Vec<TokenId>;
		/// The version of a token of `issuer` (the organisation that issued the document, or a
		/// session's practitioner) anchoring `document_hash`: the token, its issuer and
		/// authority, its status now, and whether the document is authentic and in force.
		fn verify(document_hash: H256, issuer: Issuer<AccountId>) -> Option<Verification<AccountId, BlockNumber>>;
		/// Every token version anchoring `document_hash`, whoever issued it, a page after issuer
		/// `start_after`: for a verifier who does not know the document's issuer. Another
		/// issuer may have anchored a copy of the hash; the document's issuer decides.
		fn anchors_of(document_hash: H256, start_after: Option<Issuer<AccountId>>, limit: u32) -> Page<Verification<AccountId, BlockNumber>, Issuer<AccountId>>;
		/// Whether `practitioner` is licensed for `profession` now, under which licence, or why
		/// not.
		fn licence_check(practitioner: AccountId, profession: Profession) -> LicenceCheck;
	}
}
