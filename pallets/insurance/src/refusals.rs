//! A patient's refusals of insurers: a refused insurer may not attest the patient (nor renew
//! an attestation of them) until the patient allows it again.

use crate::{
	AccreditationInspect, Config, DepositPayer, Error, Event, HoldReason, OrganisationId, Pallet,
	Refusal, RefusedInsurers,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// `patient` refuses `insurer`, paying the refusal deposit (or its sponsor does).
	pub(crate) fn do_refuse_insurer(
		patient: T::AccountId,
		insurer: OrganisationId,
	) -> DispatchResult {
		ensure!(T::Accreditation::organisation_exists(insurer), Error::<T>::OrganisationNotFound);
		ensure!(!RefusedInsurers::<T>::contains_key(&patient, insurer), Error::<T>::AlreadyRefused);
		let deposit = T::RefusalDeposit::get();
		let depositor =
			T::DepositPayer::payer(&patient, deposit).map_err(Error::<T>::Sponsorship)?;
		T::Currency::hold(&HoldReason::RefusalDeposit.into(), &depositor, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		RefusedInsurers::<T>::insert(&patient, insurer, Refusal { depositor, deposit });
		Self::deposit_event(Event::InsurerRefused { patient, insurer });
		Ok(())
	}

	/// `patient` allows `insurer` again; the deposit returns to whoever paid it.
	pub(crate) fn do_allow_insurer(
		patient: T::AccountId,
		insurer: OrganisationId,
	) -> DispatchResult {
		let refusal =
			RefusedInsurers::<T>::take(&patient, insurer).ok_or(Error::<T>::NotRefused)?;
		T::Currency::release(
			&HoldReason::RefusalDeposit.into(),
			&refusal.depositor,
			refusal.deposit,
			Precision::BestEffort,
		)?;
		Self::deposit_event(Event::InsurerAllowed { patient, insurer });
		Ok(())
	}
}
