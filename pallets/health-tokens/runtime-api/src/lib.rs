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
pub use pallet_health_tokens::{LicenceCheck, TokenView, Verification, VersionInfo};
use sp_core::H256;

sp_api::decl_runtime_apis! {
	/// Queries of the health-token ledger.
	///
	/// Version 2: a version (`versions`) names its `depositor`, the account its deposit is held
	/// from.
	#[api_version(2)]
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
		/// The token version anchoring document hash `hash`: the token, its issuer and
		/// authority, its status now, and whether the document is authentic and in force.
		fn verify(hash: H256) -> Option<Verification<AccountId, BlockNumber>>;
		/// Whether `practitioner` is licensed for `profession` now, under which licence, or why
		/// not.
		fn licence_check(practitioner: AccountId, profession: Profession) -> LicenceCheck;
	}
}
