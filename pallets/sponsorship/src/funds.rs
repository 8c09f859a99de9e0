//! An organisation's sponsor account: derived from its id, funded by anyone, and taken from by
//! its admin only, never what it holds as deposits nor its existential deposit.

use crate::{AccreditationInspect, BalanceOf, Config, Error, Event, OrganisationId, Pallet};
use frame_support::{
	ensure,
	traits::{fungible::Mutate, tokens::Preservation},
};
use sp_runtime::{
	traits::{Convert, Zero},
	DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The account from which `organisation`'s sponsorships are paid.
	pub fn sponsor_account(organisation: OrganisationId) -> T::AccountId {
		T::SponsorAccount::convert(organisation)
	}

	/// `who` pays `amount` into `organisation`'s sponsor account.
	pub(crate) fn do_fund(
		who: T::AccountId,
		organisation: OrganisationId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(
			T::Accreditation::organisation_exists(organisation),
			Error::<T>::OrganisationNotFound
		);
		T::Currency::transfer(
			&who,
			&Self::sponsor_account(organisation),
			amount,
			Preservation::Preserve,
		)?;
		Self::deposit_event(Event::Funded { organisation, by: who, amount });
		Ok(())
	}

	/// `who`, the admin of the organisation it acts for, takes `amount` from its sponsor
	/// account.
	pub(crate) fn do_withdraw(who: T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let organisation = T::Accreditation::organisation_of(&who).ok_or(Error::<T>::NotAnAgent)?;
		ensure!(
			T::Accreditation::admin_of(organisation).as_ref() == Some(&who),
			Error::<T>::NotAdmin
		);
		T::Currency::transfer(
			&Self::sponsor_account(organisation),
			&who,
			amount,
			Preservation::Preserve,
		)
		.map_err(|_| Error::<T>::InsufficientFunds)?;
		Self::deposit_event(Event::Withdrawn { organisation, by: who, amount });
		Ok(())
	}
}
