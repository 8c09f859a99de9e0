//! Runtime API of the sponsorship pallet, for sponsors (`healthchain sponsorship …`) and
//! patients' wallets: who pays for an account, with what left of its budget.
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

use codec::Codec;
pub use pallet_sponsorship::{OrganisationId, SponsorAccount, SponsorshipView};

/// One page of the accounts an organisation sponsors.
pub type SponsoredPage<AccountId> = pallet_sponsorship::Page<AccountId>;

sp_api::decl_runtime_apis! {
	/// Queries of the sponsorship pallet.
	pub trait SponsorshipApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// Who sponsors `patient`, its budget and what is left of it in the current period.
		fn sponsorship_of(patient: AccountId) -> Option<SponsorshipView<AccountId, Balance, BlockNumber>>;
		/// The account `organisation`'s sponsorships are paid from, and what it can spend.
		fn sponsor_account(organisation: OrganisationId) -> SponsorAccount<AccountId, Balance>;
		/// Up to `limit` (at most 100) of the accounts `organisation` sponsors after
		/// `start_after` (the first page when `None`), and where the next page starts.
		fn sponsored_by(organisation: OrganisationId, start_after: Option<AccountId>, limit: u32) -> SponsoredPage<AccountId>;
	}
}
