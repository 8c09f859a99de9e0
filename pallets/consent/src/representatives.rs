//! Guardians and legal representatives: who may grant and revoke for a patient.
//!
//! The rule: a patient acts for themself and may appoint representatives. For a patient who
//! cannot act (a minor, an incapacitated adult), an agent of an accredited provider records the
//! representative. The patient may remove any representative (e.g. on coming of age); a
//! representative may step down; the recording provider may correct its record.

use crate::{
	AccreditationError, AccreditationInspect, Appointer, Capacity, Config, Error, Event,
	HoldReason, Moment, Pallet, RepresentativeCount, RepresentativeInfo, Representatives, Role,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_runtime::DispatchResult;

impl<T: Config> Pallet<T> {
	/// Make `representative` act for `patient`, appointed by `appointer`; `payer` pays.
	pub(crate) fn do_add_representative(
		patient: T::AccountId,
		representative: T::AccountId,
		capacity: Capacity,
		valid_until: Option<Moment>,
		appointed_by: Appointer,
		payer: T::AccountId,
	) -> DispatchResult {
		ensure!(patient != representative, Error::<T>::SameAccount);
		ensure!(capacity != Capacity::Patient, Error::<T>::InvalidCapacity);
		if let Some(until) = valid_until {
			ensure!(until > Self::now(), Error::<T>::ExpiryInPast);
		}
		ensure!(
			!Representatives::<T>::contains_key(&patient, &representative),
			Error::<T>::AlreadyRepresentative
		);
		let count = RepresentativeCount::<T>::get(&patient);
		ensure!(count < T::MaxRepresentatives::get(), Error::<T>::TooManyRepresentatives);
		let deposit = T::RepresentativeDeposit::get();
		T::Currency::hold(&HoldReason::RepresentativeDeposit.into(), &payer, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		RepresentativeCount::<T>::insert(&patient, count.saturating_add(1));
		Representatives::<T>::insert(
			&patient,
			&representative,
			RepresentativeInfo { capacity, appointed_by, valid_until, depositor: payer, deposit },
		);
		Self::deposit_event(Event::RepresentativeAppointed {
			patient,
			representative,
			capacity,
			appointed_by,
		});
		Ok(())
	}

	/// End `representative`'s representation of `patient`, at the request of `who`.
	pub(crate) fn do_remove_representative(
		who: T::AccountId,
		patient: T::AccountId,
		representative: T::AccountId,
	) -> DispatchResult {
		let info = Representatives::<T>::get(&patient, &representative)
			.ok_or(Error::<T>::RepresentativeNotFound)?;
		let by_recorder = match info.appointed_by {
			Appointer::Provider { organisation } => {
				T::Accreditation::organisation_of(&who) == Some(organisation)
			},
			Appointer::Patient => false,
		};
		ensure!(who == patient || who == representative || by_recorder, Error::<T>::NotAuthorized);
		Representatives::<T>::remove(&patient, &representative);
		RepresentativeCount::<T>::mutate(&patient, |count| *count = count.saturating_sub(1));
		T::Currency::release(
			&HoldReason::RepresentativeDeposit.into(),
			&info.depositor,
			info.deposit,
			Precision::BestEffort,
		)?;
		Self::deposit_event(Event::RepresentativeRemoved { patient, representative, by: who });
		Ok(())
	}

	/// In which capacity `who` may act for `patient` now, if at all.
	pub fn capacity_of(who: &T::AccountId, patient: &T::AccountId) -> Option<Capacity> {
		if who == patient {
			return Some(Capacity::Patient);
		}
		let info = Representatives::<T>::get(patient, who)?;
		let now = Self::now();
		info.valid_until.is_none_or(|until| now < until).then_some(info.capacity)
	}

	/// The organisation for which `who` may act in `role` now, or the precise reason why not.
	pub(crate) fn ensure_accredited(
		who: &T::AccountId,
		role: Role,
	) -> Result<crate::OrganisationId, Error<T>> {
		T::Accreditation::ensure_accredited(who, role).map_err(|error| match error {
			AccreditationError::NotAnAgent => Error::<T>::CallerNotAnAgent,
			AccreditationError::OrganisationSuspended => Error::<T>::CallerOrganisationSuspended,
			AccreditationError::NotAccredited => Error::<T>::CallerNotAccredited,
			AccreditationError::Suspended => Error::<T>::CallerAccreditationSuspended,
			AccreditationError::Expired => Error::<T>::CallerAccreditationExpired,
		})
	}
}
