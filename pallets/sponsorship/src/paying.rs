//! Who pays for a transaction of a sponsored account: the sponsorship that
//! [`ChargeSponsored`](crate::ChargeSponsored) finds and charges the fee to before dispatch,
//! kept in [`Paying`] while the call runs and written back after it, and which pays the
//! deposits the call takes ([`DepositPayer`]) within the same budget.

use crate::{
	AccreditationInspect, BalanceOf, Config, DepositPayer, Pallet, Paying, SponsorshipError,
	SponsorshipOf, Sponsorships,
};
use frame_support::traits::{
	fungible::Inspect,
	tokens::{Fortitude, Preservation},
	Get,
};
use sp_runtime::traits::Saturating;

impl<T: Config> Pallet<T> {
	/// Whether `sponsorship`'s sponsor pays for `who` now: it is accredited in its role,
	/// and `who` acts for no organisation (a sponsor pays for patients; checked each time,
	/// as an account may join an organisation after it was sponsored).
	pub(crate) fn pays(sponsorship: &SponsorshipOf<T>, who: &T::AccountId) -> bool {
		T::Accreditation::is_accredited(sponsorship.sponsor, sponsorship.role)
			&& T::Accreditation::organisation_of(who).is_none()
	}

	/// `who`'s sponsorship as it stands now (its period rolled over), if its sponsor pays
	/// for it.
	pub(crate) fn paying_sponsorship(who: &T::AccountId) -> Option<SponsorshipOf<T>> {
		let sponsorship = Sponsorships::<T>::get(who)?;
		Self::pays(&sponsorship, who).then(|| {
			sponsorship.at(frame_system::Pallet::<T>::block_number(), T::BudgetPeriod::get())
		})
	}

	/// Begin a transaction that `who`'s `sponsorship` (as [`Self::paying_sponsorship`]
	/// answered) pays `fee` for: the caller checked the budget. Deposits the call takes come
	/// from the same sponsorship ([`Paying`]) until [`Self::finish_paying`].
	pub(crate) fn begin_paying(
		who: &T::AccountId,
		mut sponsorship: SponsorshipOf<T>,
		fee: BalanceOf<T>,
	) {
		sponsorship.spent = sponsorship.spent.saturating_add(fee);
		Paying::<T>::put((who.clone(), sponsorship));
	}

	/// End the transaction [`Self::begin_paying`] began: what its sponsorship paid, fee and
	/// deposits, is written back (unless the patient left it meanwhile), less `fee_refund`
	/// (asked only of a sponsored transaction): what its fee came to less than the fee
	/// counted before it ran (a call charged afterwards for less than it was weighed for,
	/// such as a patient's own consent grant).
	pub(crate) fn finish_paying(fee_refund: impl FnOnce() -> BalanceOf<T>) {
		if let Some((who, mut sponsorship)) = Paying::<T>::take() {
			sponsorship.spent = sponsorship.spent.saturating_sub(fee_refund());
			Sponsorships::<T>::insert(who, sponsorship);
		}
	}
}

/// The sponsor pays deposits for the accounts it sponsors, within their budgets.
impl<T: Config> DepositPayer<T::AccountId, BalanceOf<T>> for Pallet<T> {
	fn payer(who: &T::AccountId, amount: BalanceOf<T>) -> Result<T::AccountId, SponsorshipError> {
		// One payer per transaction: the sponsor whose budget paid its fee, or `who`.
		let Some((paying, mut sponsorship)) = Paying::<T>::get() else {
			return Ok(who.clone());
		};
		if paying != *who {
			return Ok(who.clone());
		}
		if amount <= sponsorship.remaining() {
			let account = Self::sponsor_account(sponsorship.sponsor);
			sponsorship.spent = sponsorship.spent.saturating_add(amount);
			Paying::<T>::put((paying, sponsorship));
			return Ok(account);
		}
		// Past the budget, an account that can pay its own deposit does: no sponsor can
		// stop a patient from acting by lowering a budget.
		let own = T::Currency::reducible_balance(who, Preservation::Preserve, Fortitude::Polite);
		if own >= amount {
			Ok(who.clone())
		} else {
			Err(SponsorshipError::OverBudget)
		}
	}

	/// Also puts `who` in a transaction its sponsor pays for ([`Paying`]), as
	/// [`ChargeSponsored`](crate::ChargeSponsored) does before dispatch.
	#[cfg(feature = "runtime-benchmarks")]
	fn make_sponsored(who: &T::AccountId) {
		use crate::{KeptAlive, Role, SponsoredBy, Sponsorship};
		use frame_support::traits::fungible::Mutate;
		use sp_runtime::traits::Zero;
		let agent: T::AccountId = frame_benchmarking::account("sponsor", 0, 0);
		let role = *Role::ALL.last().expect("roles exist");
		let sponsor = T::Accreditation::make_accredited(&agent, role);
		let plenty = T::SponsorshipDeposit::get()
			.saturating_add(T::Currency::minimum_balance())
			.saturating_mul(1_000_000u32.into());
		T::Currency::set_balance(&Self::sponsor_account(sponsor), plenty);
		if !KeptAlive::<T>::contains_key(who) {
			frame_system::Pallet::<T>::inc_sufficients(who);
			KeptAlive::<T>::insert(who, ());
		}
		let now = frame_system::Pallet::<T>::block_number();
		let sponsorship = Sponsorship {
			sponsor,
			role,
			budget: plenty,
			spent: Zero::zero(),
			period_start: now,
			deposit: Zero::zero(),
			since: now,
		};
		Sponsorships::<T>::insert(who, sponsorship.clone());
		SponsoredBy::<T>::insert(sponsor, who, ());
		Paying::<T>::put((who.clone(), sponsorship));
	}
}
