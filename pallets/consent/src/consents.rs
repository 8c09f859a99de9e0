//! Granting, revoking and removing consents.
//!
//! Who manages a consent: the patient, any of their consents; a representative in force, the
//! consents granted under their own representation — and any other consent of the patient only
//! if the patient appointed them with that power. So a representative cannot erase a denial
//! the patient, or another representative, made.

use crate::WeightInfo;
use crate::{
	AccreditationInspect, Capacity, Config, ConsentEffectiveStatus, ConsentId, ConsentInfo,
	ConsentOf, ConsentStatus, Consents, ConsentsOf, DepositPayer, Error, Event, Grantee,
	HoldReason, NextConsentId, Pallet, Period, ProvisionsOf, Scope, TokenInspect,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
	weights::Weight,
};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Grant a consent for `patient` as `who` (the patient or a representative in force); the
	/// consent's id and the weight of the grant as it turned out ([`WeightInfo::grant`] of its
	/// provisions, whether a representative granted it, to an organisation, and whether a
	/// sponsor paid its deposit), which the call charges instead of the worst case.
	pub(crate) fn do_grant(
		who: T::AccountId,
		patient: T::AccountId,
		grantee: Grantee<T::AccountId>,
		provisions: ProvisionsOf<T>,
		period: Period,
	) -> Result<(ConsentId, Weight), DispatchError> {
		let acting = Self::acting_for(&who, &patient).ok_or(Error::<T>::NotAuthorized)?;
		ensure!(!provisions.is_empty(), Error::<T>::NoProvisions);
		for provision in provisions.iter() {
			ensure!(!provision.actions.is_empty(), Error::<T>::NoActions);
			ensure!(!provision.purposes.is_empty(), Error::<T>::NoPurposes);
			if let Some(data_period) = provision.data_period {
				ensure!(data_period.is_valid(), Error::<T>::InvalidPeriod);
			}
			if let Scope::Token(token) = provision.scope {
				ensure!(
					T::Tokens::owner_of(token).as_ref() == Some(&patient),
					Error::<T>::TokenNotOwned
				);
			}
		}
		ensure!(period.is_valid(), Error::<T>::InvalidPeriod);
		if let Some(end) = period.end {
			ensure!(end > Self::now(), Error::<T>::ExpiryInPast);
		}
		if let Grantee::Organisation(organisation) = grantee {
			ensure!(
				T::Accreditation::organisation_exists(organisation),
				Error::<T>::OrganisationNotFound
			);
		}
		let mut ids = ConsentsOf::<T>::get(&patient);
		let id = NextConsentId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		ids.try_push(id).map_err(|_| Error::<T>::TooManyConsents)?;
		let deposit = T::ConsentDeposit::get();
		let depositor = T::DepositPayer::payer(&who, deposit).map_err(Error::<T>::Sponsorship)?;
		T::Currency::hold(&HoldReason::ConsentDeposit.into(), &depositor, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		let weight = T::WeightInfo::grant(
			provisions.len() as u32,
			// Anyone but the patient was looked up among the representatives.
			u32::from(who != patient),
			u32::from(matches!(grantee, Grantee::Organisation(_))),
			u32::from(depositor != who),
		);

		NextConsentId::<T>::put(next);
		ConsentsOf::<T>::insert(&patient, ids);
		Consents::<T>::insert(
			id,
			ConsentInfo {
				patient: patient.clone(),
				grantor: who.clone(),
				capacity: acting.capacity,
				representation: acting.representation,
				grantee: grantee.clone(),
				provisions,
				period,
				status: ConsentStatus::Active,
				granted_in: frame_system::Pallet::<T>::block_number(),
				depositor,
				deposit,
			},
		);
		Self::deposit_event(Event::ConsentGranted {
			consent: id,
			patient,
			grantor: who,
			capacity: acting.capacity,
			grantee,
		});
		Ok((id, weight))
	}

	/// Check that `who` may revoke or remove `consent`.
	fn ensure_may_manage(who: &T::AccountId, consent: &ConsentOf<T>) -> Result<(), Error<T>> {
		let acting = Self::acting_for(who, &consent.patient).ok_or(Error::<T>::NotAuthorized)?;
		let own = acting.capacity == Capacity::Patient
			|| (consent.representation.is_some()
				&& consent.representation == acting.representation);
		ensure!(own || acting.may_revoke_patient_consents, Error::<T>::NotAuthorized);
		Ok(())
	}

	/// Revoke consent `id` as `who` (see the module docs for who may).
	pub(crate) fn do_revoke(who: &T::AccountId, id: ConsentId) -> DispatchResult {
		let mut consent = Consents::<T>::get(id).ok_or(Error::<T>::ConsentNotFound)?;
		Self::ensure_may_manage(who, &consent)?;
		ensure!(consent.status == ConsentStatus::Active, Error::<T>::AlreadyRevoked);
		consent.status = ConsentStatus::Revoked { at: Self::now() };
		let patient = consent.patient.clone();
		Consents::<T>::insert(id, consent);
		Self::deposit_event(Event::ConsentRevoked { consent: id, patient, by: who.clone() });
		Ok(())
	}

	/// Remove revoked or expired consent `id` as `who`; the deposit returns to its depositor.
	pub(crate) fn do_remove(who: &T::AccountId, id: ConsentId) -> DispatchResult {
		let consent = Consents::<T>::get(id).ok_or(Error::<T>::ConsentNotFound)?;
		Self::ensure_may_manage(who, &consent)?;
		ensure!(
			matches!(
				consent.effective_status(Self::now()),
				ConsentEffectiveStatus::Revoked | ConsentEffectiveStatus::Expired
			),
			Error::<T>::StillInForce
		);
		ConsentsOf::<T>::mutate(&consent.patient, |ids| ids.retain(|other| *other != id));
		Consents::<T>::remove(id);
		T::Currency::release(
			&HoldReason::ConsentDeposit.into(),
			&consent.depositor,
			consent.deposit,
			Precision::BestEffort,
		)?;
		Self::deposit_event(Event::ConsentRemoved {
			consent: id,
			patient: consent.patient,
			by: who.clone(),
		});
		Ok(())
	}
}
