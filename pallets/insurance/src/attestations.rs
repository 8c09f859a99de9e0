//! Attesting a patient's coverage, renewing it and removing an attestation, with the deposit
//! each attestation holds from its depositor until it is removed.

use crate::{
	AccreditationInspect, Attestation, AttestationId, AttestationOf, Attestations, AttestationsOf,
	Config, Error, Event, Hash, HoldReason, Moment, NextAttestationId, OrganisationId, Pallet,
	RefusedInsurers, Role, Status,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Agent `who` attests `patient`'s coverage: `commitment`, from `starts` to `ends`.
	pub(crate) fn do_attest(
		who: T::AccountId,
		patient: T::AccountId,
		commitment: Hash,
		starts: Moment,
		ends: Moment,
	) -> DispatchResult {
		let insurer = Self::ensure_insurer(&who)?;
		ensure!(patient != who, Error::<T>::SelfAttestation);
		ensure!(
			!RefusedInsurers::<T>::contains_key(&patient, insurer),
			Error::<T>::RefusedByPatient
		);
		Self::ensure_period(starts, ends)?;
		let attestation =
			Self::store(&who, insurer, patient.clone(), commitment, starts, ends, None)?;
		Self::deposit_event(Event::Attested {
			attestation,
			insurer,
			patient,
			starts,
			ends,
			by: who,
		});
		Ok(())
	}

	/// Agent `who` renews `attestation` with a new `commitment` and period, `starts` to `ends`;
	/// the old one reads as superseded by the new one.
	pub(crate) fn do_renew(
		who: T::AccountId,
		attestation: AttestationId,
		commitment: Hash,
		starts: Moment,
		ends: Moment,
	) -> DispatchResult {
		let mut old = Self::ensure_accredited_insurer_of(&who, attestation)?;
		ensure!(!old.status.is_final(), Error::<T>::Final);
		ensure!(old.patient != who, Error::<T>::SelfAttestation);
		ensure!(
			!RefusedInsurers::<T>::contains_key(&old.patient, old.insurer),
			Error::<T>::RefusedByPatient
		);
		Self::ensure_period(starts, ends)?;
		let new = Self::store(
			&who,
			old.insurer,
			old.patient.clone(),
			commitment,
			starts,
			ends,
			Some(attestation),
		)?;
		old.status = Status::Superseded { by: new };
		Attestations::<T>::insert(attestation, old);
		Self::deposit_event(Event::Renewed {
			attestation: new,
			replaces: attestation,
			starts,
			ends,
			by: who,
		});
		Ok(())
	}

	/// `who` (the patient, the depositor or an agent of the insurer) removes `attestation`;
	/// its deposit returns to the depositor.
	pub(crate) fn do_remove_attestation(
		who: T::AccountId,
		attestation: AttestationId,
	) -> DispatchResult {
		let info = Attestations::<T>::get(attestation).ok_or(Error::<T>::AttestationNotFound)?;
		if who != info.patient {
			// The storage reads come first in each test: every removal on the insurer's side
			// makes them, as benchmarked.
			let for_insurer = T::Accreditation::organisation_of(&who) == Some(info.insurer)
				|| who == info.depositor;
			ensure!(for_insurer, Error::<T>::NotAllowed);
			ensure!(
				!T::Accreditation::organisation_exists(info.insurer)
					|| info.ends <= Self::now()
					|| info.status.is_final(),
				Error::<T>::NotFinal
			);
		}
		T::Currency::release(
			&HoldReason::AttestationDeposit.into(),
			&info.depositor,
			info.deposit,
			Precision::Exact,
		)?;
		Attestations::<T>::remove(attestation);
		AttestationsOf::<T>::remove(&info.patient, attestation);
		Self::deposit_event(Event::Removed { attestation, by: who });
		Ok(())
	}

	/// The organisation for which `who` may act as insurer now, or why not.
	fn ensure_insurer(who: &T::AccountId) -> Result<OrganisationId, Error<T>> {
		T::Accreditation::ensure_accredited(who, Role::Insurer).map_err(Error::<T>::Accreditation)
	}

	/// The attestation, if `who` acts now, as an accredited insurer, for the organisation
	/// that attested it: what granting calls (reinstate, renew) need.
	pub(crate) fn ensure_accredited_insurer_of(
		who: &T::AccountId,
		attestation: AttestationId,
	) -> Result<AttestationOf<T>, Error<T>> {
		let insurer = Self::ensure_insurer(who)?;
		let info = Attestations::<T>::get(attestation).ok_or(Error::<T>::AttestationNotFound)?;
		ensure!(info.insurer == insurer, Error::<T>::NotInsurer);
		Ok(info)
	}

	/// A period that starts before it ends, is not too long, ends within
	/// [`Config::MaxCoveragePeriod`] from now and has not ended.
	fn ensure_period(starts: Moment, ends: Moment) -> Result<(), Error<T>> {
		ensure!(starts < ends, Error::<T>::InvalidPeriod);
		let longest = T::MaxCoveragePeriod::get();
		let now = Self::now();
		ensure!(
			ends - starts <= longest && ends <= now.saturating_add(longest),
			Error::<T>::PeriodTooLong
		);
		ensure!(ends > now, Error::<T>::AlreadyEnded);
		Ok(())
	}

	/// Hold the deposit from `who` and store a new active attestation; its id.
	fn store(
		who: &T::AccountId,
		insurer: OrganisationId,
		patient: T::AccountId,
		commitment: Hash,
		starts: Moment,
		ends: Moment,
		replaces: Option<AttestationId>,
	) -> Result<AttestationId, DispatchError> {
		let id = NextAttestationId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::AttestationDeposit::get();
		T::Currency::hold(&HoldReason::AttestationDeposit.into(), who, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		NextAttestationId::<T>::put(next);
		AttestationsOf::<T>::insert(&patient, id, ());
		Attestations::<T>::insert(
			id,
			Attestation {
				insurer,
				patient,
				commitment,
				starts,
				ends,
				status: Status::Active,
				replaces,
				attested_by: who.clone(),
				block: frame_system::Pallet::<T>::block_number(),
				time: Self::now(),
				depositor: who.clone(),
				deposit,
			},
		);
		Ok(id)
	}
}
