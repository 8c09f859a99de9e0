//! The answers of the runtime API and the storage invariants.

use crate::{
	coverage, AttestationId, AttestationOf, AttestationPage, AttestationPageOf, Attestations,
	AttestationsOf, Claim, ClaimError, ClaimProof, Config, InForce, NotInForce, Pallet, Role,
	Status,
};
use alloc::vec::Vec;
use frame_support::traits::Get;
use healthchain_primitives::AccreditationInspect;

impl<T: Config> Pallet<T> {
	/// The attestation with this id.
	pub fn attestation(attestation: AttestationId) -> Option<AttestationOf<T>> {
		Attestations::<T>::get(attestation)
	}

	/// Whether the attestation is in force now, or the first reason it is not, in this order:
	/// unknown, revoked, superseded, its insurer not accredited as insurer now, suspended, not
	/// yet started, expired. Time and accreditation are read now: an attestation expires, and
	/// stops being in force when its insurer's accreditation ends, without any transaction.
	pub fn coverage_status(
		attestation: AttestationId,
	) -> Result<InForce<T::AccountId>, NotInForce> {
		let info = Attestations::<T>::get(attestation).ok_or(NotInForce::AttestationNotFound)?;
		match info.status {
			Status::Revoked => return Err(NotInForce::Revoked),
			Status::Superseded { by } => return Err(NotInForce::Superseded { by }),
			Status::Active | Status::Suspended => {},
		}
		if !T::Accreditation::is_accredited(info.insurer, Role::Insurer) {
			return Err(NotInForce::InsurerNotAccredited);
		}
		if info.status == Status::Suspended {
			return Err(NotInForce::Suspended);
		}
		let now = Self::now();
		if now < info.starts {
			return Err(NotInForce::NotYetStarted);
		}
		if now >= info.ends {
			return Err(NotInForce::Expired);
		}
		Ok(InForce {
			insurer: info.insurer,
			patient: info.patient,
			starts: info.starts,
			ends: info.ends,
		})
	}

	/// Whether `proof` shows `claim`, with `salt`, to be committed to by the attestation,
	/// whatever its status (ask [`Self::coverage_status`] for that).
	pub fn verify_claim(
		attestation: AttestationId,
		claim: &Claim,
		salt: &[u8; 32],
		proof: &ClaimProof,
	) -> Result<(), ClaimError> {
		let info = Attestations::<T>::get(attestation).ok_or(ClaimError::AttestationNotFound)?;
		coverage::verify_claim(&info.commitment, claim, salt, proof).map_err(ClaimError::Proof)
	}

	/// Up to `limit` (at least 1, at most [`Config::MaxPageSize`]) of `patient`'s attestations,
	/// after `start_after` (from the first when `None`), in storage order; `next` is where the
	/// next page starts.
	pub fn attestations_of(
		patient: &T::AccountId,
		start_after: Option<AttestationId>,
		limit: u32,
	) -> AttestationPageOf<T> {
		let limit = limit.clamp(1, T::MaxPageSize::get().max(1)) as usize;
		let ids: Vec<AttestationId> = match start_after {
			Some(after) => AttestationsOf::<T>::iter_key_prefix_from(
				patient,
				AttestationsOf::<T>::hashed_key_for(patient, after),
			)
			.take(limit.saturating_add(1))
			.collect(),
			None => AttestationsOf::<T>::iter_key_prefix(patient)
				.take(limit.saturating_add(1))
				.collect(),
		};
		let next = if ids.len() > limit { ids.get(limit - 1).copied() } else { None };
		let attestations = ids
			.into_iter()
			.take(limit)
			.filter_map(|id| Attestations::<T>::get(id).map(|info| (id, info)))
			.collect();
		AttestationPage { attestations, next }
	}

	/// Check the pallet's storage invariants.
	///
	/// - every attestation's id is below the next one; its period starts before it ends; its
	///   patient's index holds it;
	/// - a superseded attestation names a later one, which (unless removed) replaces it, for
	///   the same patient and insurer; an attestation that replaces another is later than it;
	/// - every entry of a patient's index is an attestation of that patient;
	/// - what each depositor has on hold is the sum of their attestations' deposits, and what
	///   each depositor has on hold for refusals the sum of their refusals' deposits.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use crate::{BalanceOf, HoldReason, NextAttestationId};
		use frame_support::{ensure, traits::fungible::InspectHold};
		use sp_runtime::Saturating;
		let mut deposits = alloc::collections::BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let next = NextAttestationId::<T>::get();
		for (id, info) in Attestations::<T>::iter() {
			ensure!(id < next, "an attestation id not below the next");
			ensure!(info.starts < info.ends, "a period that does not start before it ends");
			ensure!(
				AttestationsOf::<T>::contains_key(&info.patient, id),
				"an attestation missing from its patient's index"
			);
			if let Status::Superseded { by } = info.status {
				ensure!(by > id, "superseded by an earlier attestation");
				if let Some(successor) = Attestations::<T>::get(by) {
					ensure!(successor.replaces == Some(id), "the successor replaces another");
					ensure!(successor.patient == info.patient, "a renewal for another patient");
					ensure!(successor.insurer == info.insurer, "a renewal by another insurer");
				}
			}
			if let Some(replaced) = info.replaces {
				ensure!(replaced < id, "replaces a later attestation");
			}
			let total = deposits.entry(info.depositor.clone()).or_default();
			*total = total.saturating_add(info.deposit);
		}
		for (patient, id) in AttestationsOf::<T>::iter_keys() {
			let info = Attestations::<T>::get(id).ok_or("an index entry of no attestation")?;
			ensure!(info.patient == patient, "an index entry under another patient");
		}
		let reason = HoldReason::AttestationDeposit.into();
		for (depositor, total) in deposits {
			ensure!(
				T::Currency::balance_on_hold(&reason, &depositor) == total,
				"a depositor's hold is not the sum of their attestations' deposits"
			);
		}
		let mut refusals = alloc::collections::BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (_, _, refusal) in crate::RefusedInsurers::<T>::iter() {
			let total = refusals.entry(refusal.depositor).or_default();
			*total = total.saturating_add(refusal.deposit);
		}
		let reason = HoldReason::RefusalDeposit.into();
		for (depositor, total) in refusals {
			ensure!(
				T::Currency::balance_on_hold(&reason, &depositor) == total,
				"a depositor's hold is not the sum of their refusals' deposits"
			);
		}
		Ok(())
	}
}
