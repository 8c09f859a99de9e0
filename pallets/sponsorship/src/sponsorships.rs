//! Sponsoring a patient who agreed to it, setting the budget of a sponsorship and ending it,
//! with the deposit each sponsorship holds from the sponsor account until it ends.

use crate::{
	sponsorship_message, AccreditationInspect, BalanceOf, Config, Error, Event, HoldReason,
	KeptAlive, Pallet, Paying, Role, SponsoredBy, Sponsorship, SponsorshipOf, Sponsorships,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, Verify, Zero},
	DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Agent `who` sponsors `patient` with `budget` per period, with the patient's
	/// `signature` over the agreement valid until `valid_until`.
	pub(crate) fn do_sponsor(
		who: T::AccountId,
		patient: T::AccountId,
		budget: BalanceOf<T>,
		valid_until: BlockNumberFor<T>,
		signature: T::Signature,
	) -> DispatchResult {
		let sponsor = T::Accreditation::organisation_of(&who).ok_or(Error::<T>::NotAnAgent)?;
		let role = Role::ALL
			.into_iter()
			.find(|role| T::Accreditation::is_accredited(sponsor, *role))
			.ok_or(Error::<T>::NotInGoodStanding)?;
		ensure!(T::Accreditation::organisation_of(&patient) != Some(sponsor), Error::<T>::OwnAgent);
		// A sponsorship whose sponsor is no longer accredited in its role pays nothing, and its
		// patient may hold nothing to leave it with: another organisation takes its place.
		if let Some(stale) = Sponsorships::<T>::get(&patient) {
			ensure!(
				!T::Accreditation::is_accredited(stale.sponsor, stale.role),
				Error::<T>::AlreadySponsored
			);
			Self::end(&patient, stale, &who)?;
		}
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now <= valid_until, Error::<T>::AgreementExpired);
		ensure!(
			valid_until <= now.saturating_add(T::MaxAgreementLife::get()),
			Error::<T>::AgreementTooLong
		);
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let nonce = frame_system::Pallet::<T>::account_nonce(&patient);
		let message = sponsorship_message(&genesis, &sponsor, &patient, &nonce, &valid_until);
		ensure!(signature.verify(&message[..], &patient), Error::<T>::BadSignature);

		let deposit = T::SponsorshipDeposit::get();
		T::Currency::hold(
			&HoldReason::SponsorshipDeposit.into(),
			&Self::sponsor_account(sponsor),
			deposit,
		)
		.map_err(|_| Error::<T>::InsufficientFunds)?;
		if !KeptAlive::<T>::contains_key(&patient) {
			frame_system::Pallet::<T>::inc_sufficients(&patient);
			KeptAlive::<T>::insert(&patient, ());
		}
		Sponsorships::<T>::insert(
			&patient,
			Sponsorship {
				sponsor,
				role,
				budget,
				spent: Zero::zero(),
				period_start: now,
				deposit,
				since: now,
			},
		);
		SponsoredBy::<T>::insert(sponsor, &patient, ());
		Self::deposit_event(Event::Sponsored { patient, sponsor, by: who, budget });
		Ok(())
	}

	/// Agent `who` of `patient`'s sponsor sets its budget per period to `budget`.
	pub(crate) fn do_set_budget(
		who: T::AccountId,
		patient: T::AccountId,
		budget: BalanceOf<T>,
	) -> DispatchResult {
		let mut sponsorship = Sponsorships::<T>::get(&patient).ok_or(Error::<T>::NotSponsored)?;
		ensure!(
			T::Accreditation::organisation_of(&who) == Some(sponsorship.sponsor),
			Error::<T>::NotTheSponsor
		);
		sponsorship.budget = budget;
		let sponsor = sponsorship.sponsor;
		Sponsorships::<T>::insert(&patient, sponsorship);
		Self::deposit_event(Event::BudgetSet { patient, sponsor, by: who, budget });
		Ok(())
	}

	/// `who`, the patient or an agent of its sponsor, ends `patient`'s sponsorship; an account
	/// that never signed is let go.
	pub(crate) fn do_end_sponsorship(who: T::AccountId, patient: T::AccountId) -> DispatchResult {
		let sponsorship = Sponsorships::<T>::get(&patient).ok_or(Error::<T>::NotSponsored)?;
		ensure!(
			who == patient || T::Accreditation::organisation_of(&who) == Some(sponsorship.sponsor),
			Error::<T>::NotTheSponsor
		);
		Self::end(&patient, sponsorship, &who)?;
		if frame_system::Pallet::<T>::account_nonce(&patient).is_zero()
			&& KeptAlive::<T>::take(&patient).is_some()
		{
			frame_system::Pallet::<T>::dec_sufficients(&patient);
		}
		Ok(())
	}

	/// End `patient`'s `sponsorship` as `by`: its record and listing go, its deposit
	/// returns to the sponsor account; the account stays kept alive.
	fn end(
		patient: &T::AccountId,
		sponsorship: SponsorshipOf<T>,
		by: &T::AccountId,
	) -> DispatchResult {
		Sponsorships::<T>::remove(patient);
		// Leaving in a transaction the sponsor pays for: nothing to write back after it.
		if Paying::<T>::get().is_some_and(|(paying, _)| paying == *patient) {
			Paying::<T>::kill();
		}
		SponsoredBy::<T>::remove(sponsorship.sponsor, patient);
		T::Currency::release(
			&HoldReason::SponsorshipDeposit.into(),
			&Self::sponsor_account(sponsorship.sponsor),
			sponsorship.deposit,
			Precision::BestEffort,
		)?;
		Self::deposit_event(Event::SponsorshipEnded {
			patient: patient.clone(),
			sponsor: sponsorship.sponsor,
			by: by.clone(),
		});
		Ok(())
	}
}
