//! The answers of the runtime API and the storage invariants.

use crate::{
	BalanceOf, Config, OrganisationId, Page, Pallet, SponsorAccount, SponsoredBy, SponsorshipView,
	Sponsorships, MAX_PAGE,
};
use frame_support::traits::{
	fungible::{Inspect, InspectHold},
	tokens::{Fortitude, Preservation},
	Get,
};
use frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
	/// `patient`'s sponsorship as the runtime API reports it.
	pub fn sponsorship_of(
		patient: &T::AccountId,
	) -> Option<SponsorshipView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let stored = Sponsorships::<T>::get(patient)?;
		let period = T::BudgetPeriod::get();
		let sponsorship = stored.at(frame_system::Pallet::<T>::block_number(), period);
		Some(SponsorshipView {
			sponsor: sponsorship.sponsor,
			sponsor_account: Self::sponsor_account(sponsorship.sponsor),
			budget: sponsorship.budget,
			spent: sponsorship.spent,
			remaining: sponsorship.remaining(),
			period_start: sponsorship.period_start,
			period,
			role: sponsorship.role,
			paying: Self::pays(&sponsorship, patient),
			deposit: sponsorship.deposit,
			since: sponsorship.since,
		})
	}

	/// `organisation`'s sponsor account and what it holds.
	pub fn sponsor_account_of(
		organisation: OrganisationId,
	) -> SponsorAccount<T::AccountId, BalanceOf<T>> {
		let account = Self::sponsor_account(organisation);
		SponsorAccount {
			spendable: T::Currency::reducible_balance(
				&account,
				Preservation::Preserve,
				Fortitude::Polite,
			),
			held: T::Currency::total_balance_on_hold(&account),
			account,
		}
	}

	/// Up to `limit` (at most `MAX_PAGE`) of the accounts `organisation` sponsors, after
	/// `start_after`, and where the next page starts.
	pub fn sponsored_by(
		organisation: OrganisationId,
		start_after: Option<T::AccountId>,
		limit: u32,
	) -> Page<T::AccountId> {
		let limit = limit.min(MAX_PAGE) as usize;
		let mut iter = match start_after {
			Some(after) => SponsoredBy::<T>::iter_key_prefix_from(
				organisation,
				SponsoredBy::<T>::hashed_key_for(organisation, after),
			),
			None => SponsoredBy::<T>::iter_key_prefix(organisation),
		};
		let items: alloc::vec::Vec<_> = iter.by_ref().take(limit).collect();
		let next = if items.len() == limit && iter.next().is_some() {
			items.last().cloned()
		} else {
			None
		};
		Page { items, next }
	}

	/// Check the pallet's invariants:
	/// - every sponsorship is listed under its sponsor, and every listing is a sponsorship;
	/// - every sponsored account is kept alive;
	/// - what each sponsor account has on hold for sponsorships is the sum of their
	///   deposits;
	/// - no transaction is being paid for ([`Paying`](crate::Paying) is empty between
	///   transactions).
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::{HoldReason, KeptAlive, Paying};
		use frame_support::ensure;
		use sp_runtime::traits::Saturating;
		ensure!(!Paying::<T>::exists(), "a transaction's sponsorship was left behind");
		use alloc::collections::BTreeMap;
		let mut deposits: BTreeMap<OrganisationId, BalanceOf<T>> = BTreeMap::new();
		for (patient, sponsorship) in Sponsorships::<T>::iter() {
			ensure!(
				SponsoredBy::<T>::contains_key(sponsorship.sponsor, &patient),
				"a sponsorship is not listed under its sponsor"
			);
			ensure!(KeptAlive::<T>::contains_key(&patient), "a sponsored account is not kept");
			let total = deposits.entry(sponsorship.sponsor).or_default();
			*total = total.saturating_add(sponsorship.deposit);
		}
		for (patient, ()) in KeptAlive::<T>::iter() {
			ensure!(
				frame_system::Pallet::<T>::sufficients(&patient) > 0,
				"a kept account has no sufficients reference"
			);
		}
		for (sponsor, patient, ()) in SponsoredBy::<T>::iter() {
			ensure!(
				Sponsorships::<T>::get(&patient).map(|s| s.sponsor) == Some(sponsor),
				"a listing is not a sponsorship"
			);
		}
		for (sponsor, total) in deposits {
			ensure!(
				T::Currency::balance_on_hold(
					&HoldReason::SponsorshipDeposit.into(),
					&Self::sponsor_account(sponsor)
				) == total,
				"a sponsor account's hold is not the sum of its sponsorships' deposits"
			);
		}
		Ok(())
	}
}
