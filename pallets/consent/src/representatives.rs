//! Guardians and legal representatives: who may grant and revoke for a patient.
//!
//! The rules:
//! - A patient acts for themself and may appoint representatives, optionally with the power
//!   to revoke the consents the patient granted themself.
//! - For a patient who cannot act (a minor, an incapacitated adult), an agent of an accredited
//!   provider *records* the representative with the hash of its evidence. The record takes
//!   effect only when an agent of **another** provider, or the consortium, attests it: no
//!   single organisation's agent can give anyone power over a patient. Each step is an event
//!   naming the patient, whose wallet watches for them.
//! - A provider-recorded representation holds only while the recording provider (and an
//!   attesting provider) is still accredited as provider: checked each time it is used.
//! - The patient can end any representation at any time, and withdraw a record awaiting
//!   attestation; the representative can step down; the consortium can end either.
//! - When a representation ends (removed, expired, or its basis lapsed), every consent granted
//!   under it stops permitting, at once and without a clean-up: each consent names its
//!   representation, and `check_access` checks it.

use crate::{
	AccreditationInspect, Appointer, Attester, Capacity, Config, DepositPayer, Error, Event,
	HoldReason, Moment, NextRepresentationId, OrganisationId, Pallet, RecordedRepresentative,
	RecordedRepresentatives, RepresentationId, RepresentativeCount, RepresentativeInfo,
	RepresentativeOf, Representatives, Role,
};
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use sp_core::H256;
use sp_runtime::DispatchResult;

/// How someone may act for a patient now.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Acting {
	/// The capacity: the patient themself, or a representative's.
	pub capacity: Capacity,
	/// The representation, for a representative.
	pub representation: Option<RepresentationId>,
	/// Whether they may revoke the consents the patient granted themself.
	pub may_revoke_patient_consents: bool,
}

impl<T: Config> Pallet<T> {
	/// Check the terms of a new representation of `patient` by `representative`.
	fn ensure_new_representation(
		patient: &T::AccountId,
		representative: &T::AccountId,
		capacity: Capacity,
		valid_until: Option<Moment>,
	) -> DispatchResult {
		ensure!(patient != representative, Error::<T>::SameAccount);
		ensure!(capacity != Capacity::Patient, Error::<T>::InvalidCapacity);
		if let Some(until) = valid_until {
			ensure!(until > Self::now(), Error::<T>::ExpiryInPast);
		}
		ensure!(
			!Representatives::<T>::contains_key(patient, representative),
			Error::<T>::AlreadyRepresentative
		);
		Ok(())
	}

	/// Check that `patient` has room for another representative.
	fn ensure_room(patient: &T::AccountId) -> DispatchResult {
		ensure!(
			RepresentativeCount::<T>::get(patient) < T::MaxRepresentatives::get(),
			Error::<T>::TooManyRepresentatives
		);
		Ok(())
	}

	/// Store a representation in force, with a fresh id, and announce it; every check is the
	/// caller's, and the deposit is already held.
	fn insert_representation(
		patient: T::AccountId,
		representative: T::AccountId,
		mut info: RepresentativeOf<T>,
		by: Option<T::AccountId>,
	) -> DispatchResult {
		let id = NextRepresentationId::<T>::get();
		NextRepresentationId::<T>::put(id.checked_add(1).ok_or(Error::<T>::Overflow)?);
		info.id = id;
		RepresentativeCount::<T>::mutate(&patient, |count| *count = count.saturating_add(1));
		Self::deposit_event(Event::RepresentativeAppointed {
			patient: patient.clone(),
			representative: representative.clone(),
			representation: info.id,
			capacity: info.capacity,
			appointed_by: info.appointed_by,
			by,
		});
		Representatives::<T>::insert(&patient, &representative, info);
		Ok(())
	}

	/// `patient` appoints `representative`, paying the deposit.
	pub(crate) fn do_appoint_representative(
		patient: T::AccountId,
		representative: T::AccountId,
		capacity: Capacity,
		valid_until: Option<Moment>,
		may_revoke_patient_consents: bool,
	) -> DispatchResult {
		Self::ensure_new_representation(&patient, &representative, capacity, valid_until)?;
		Self::ensure_room(&patient)?;
		let deposit = T::RepresentativeDeposit::get();
		let depositor =
			T::DepositPayer::payer(&patient, deposit).map_err(Error::<T>::Sponsorship)?;
		T::Currency::hold(&HoldReason::RepresentativeDeposit.into(), &depositor, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		let info = RepresentativeInfo {
			id: 0,
			capacity,
			appointed_by: Appointer::Patient,
			evidence: None,
			may_revoke_patient_consents,
			valid_until,
			since: Self::now(),
			depositor,
			deposit,
		};
		Self::insert_representation(patient.clone(), representative, info, Some(patient))
	}

	/// Agent `who` of provider `organisation` records `representative` for `patient`, pending
	/// attestation, paying the deposit.
	pub(crate) fn do_record_representative(
		who: T::AccountId,
		organisation: OrganisationId,
		patient: T::AccountId,
		representative: T::AccountId,
		capacity: Capacity,
		valid_until: Option<Moment>,
		evidence: H256,
	) -> DispatchResult {
		Self::ensure_new_representation(&patient, &representative, capacity, valid_until)?;
		ensure!(who != representative, Error::<T>::SameAccount);
		ensure!(
			!RecordedRepresentatives::<T>::contains_key(&patient, organisation),
			Error::<T>::AlreadyRecorded
		);
		let deposit = T::RepresentativeDeposit::get();
		T::Currency::hold(&HoldReason::RepresentativeDeposit.into(), &who, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		RecordedRepresentatives::<T>::insert(
			&patient,
			organisation,
			RecordedRepresentative {
				representative: representative.clone(),
				capacity,
				evidence,
				valid_until,
				recorded_at: Self::now(),
				depositor: who.clone(),
				deposit,
			},
		);
		Self::deposit_event(Event::RepresentativeRecorded {
			patient,
			representative,
			capacity,
			organisation,
			evidence,
			by: who,
		});
		Ok(())
	}

	/// Attest the representative `organisation` recorded for `patient`: as agent `who` of
	/// provider `attesting` (`Some`), or as the consortium (`None`).
	pub(crate) fn do_attest_representative(
		attester: Option<(T::AccountId, OrganisationId)>,
		patient: T::AccountId,
		organisation: OrganisationId,
		representative: T::AccountId,
		evidence: H256,
	) -> DispatchResult {
		let record = RecordedRepresentatives::<T>::get(&patient, organisation)
			.ok_or(Error::<T>::RecordNotFound)?;
		ensure!(
			record.representative == representative && record.evidence == evidence,
			Error::<T>::RecordMismatch
		);
		let (by, attested_by) = match attester {
			Some((who, attesting)) => {
				ensure!(attesting != organisation, Error::<T>::SameOrganisation);
				ensure!(who != representative, Error::<T>::SameAccount);
				(Some(who), Attester::Provider { organisation: attesting })
			},
			None => (None, Attester::Consortium),
		};
		Self::ensure_new_representation(
			&patient,
			&representative,
			record.capacity,
			record.valid_until,
		)?;
		Self::ensure_room(&patient)?;
		let info = RepresentativeInfo {
			id: 0,
			capacity: record.capacity,
			appointed_by: Appointer::Providers { recorded_by: organisation, attested_by },
			evidence: Some(record.evidence),
			may_revoke_patient_consents: false,
			valid_until: record.valid_until,
			since: Self::now(),
			depositor: record.depositor,
			deposit: record.deposit,
		};
		Self::insert_representation(patient.clone(), representative, info, by)?;
		RecordedRepresentatives::<T>::remove(&patient, organisation);
		Ok(())
	}

	/// Withdraw the representative `organisation` recorded for `patient`, at the request of
	/// `who` (the patient or an agent of the organisation; `None`: the consortium).
	pub(crate) fn do_withdraw_representative_record(
		who: Option<T::AccountId>,
		patient: T::AccountId,
		organisation: OrganisationId,
	) -> DispatchResult {
		let record = RecordedRepresentatives::<T>::get(&patient, organisation)
			.ok_or(Error::<T>::RecordNotFound)?;
		if let Some(who) = &who {
			let by_recorder = T::Accreditation::organisation_of(who) == Some(organisation);
			ensure!(*who == patient || by_recorder, Error::<T>::NotAuthorized);
		}
		RecordedRepresentatives::<T>::remove(&patient, organisation);
		T::Currency::release(
			&HoldReason::RepresentativeDeposit.into(),
			&record.depositor,
			record.deposit,
			Precision::BestEffort,
		)?;
		Self::deposit_event(Event::RepresentativeRecordWithdrawn {
			patient,
			organisation,
			representative: record.representative,
			by: who,
		});
		Ok(())
	}

	/// End `representative`'s representation of `patient`, at the request of `who` (the
	/// patient or the representative; `None`: the consortium).
	pub(crate) fn do_remove_representative(
		who: Option<T::AccountId>,
		patient: T::AccountId,
		representative: T::AccountId,
	) -> DispatchResult {
		let info = Representatives::<T>::get(&patient, &representative)
			.ok_or(Error::<T>::RepresentativeNotFound)?;
		if let Some(who) = &who {
			ensure!(*who == patient || *who == representative, Error::<T>::NotAuthorized);
		}
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

	/// Whether representation `info` may act now: not expired, and, for one recorded by a
	/// provider, the recording provider (and an attesting provider) still accredited as
	/// provider.
	pub fn representation_in_force(info: &RepresentativeOf<T>) -> bool {
		if info.valid_until.is_some_and(|until| Self::now() >= until) {
			return false;
		}
		match info.appointed_by {
			Appointer::Patient => true,
			Appointer::Providers { recorded_by, attested_by } => {
				T::Accreditation::is_accredited(recorded_by, Role::Provider)
					&& match attested_by {
						Attester::Provider { organisation } => {
							T::Accreditation::is_accredited(organisation, Role::Provider)
						},
						Attester::Consortium => true,
					}
			},
		}
	}

	/// Whether representation `id` of `patient` by `representative` is still in force.
	pub(crate) fn representation_holds(
		patient: &T::AccountId,
		representative: &T::AccountId,
		id: RepresentationId,
	) -> bool {
		Representatives::<T>::get(patient, representative)
			.is_some_and(|info| info.id == id && Self::representation_in_force(&info))
	}

	/// How `who` may act for `patient` now, if at all.
	pub fn acting_for(who: &T::AccountId, patient: &T::AccountId) -> Option<Acting> {
		if who == patient {
			return Some(Acting {
				capacity: Capacity::Patient,
				representation: None,
				may_revoke_patient_consents: true,
			});
		}
		let info = Representatives::<T>::get(patient, who)?;
		Self::representation_in_force(&info).then_some(Acting {
			capacity: info.capacity,
			representation: Some(info.id),
			may_revoke_patient_consents: info.may_revoke_patient_consents,
		})
	}

	/// In which capacity `who` may act for `patient` now, if at all.
	pub fn capacity_of(who: &T::AccountId, patient: &T::AccountId) -> Option<Capacity> {
		Self::acting_for(who, patient).map(|acting| acting.capacity)
	}

	/// The organisation for which `who` may act in `role` now, or the precise reason why not.
	pub(crate) fn ensure_accredited(
		who: &T::AccountId,
		role: Role,
	) -> Result<OrganisationId, Error<T>> {
		T::Accreditation::ensure_accredited(who, role).map_err(Error::<T>::Accreditation)
	}
}
