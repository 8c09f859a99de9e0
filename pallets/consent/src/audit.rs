//! The patients' audit trails: every access a custodian reports, and every break-glass.
//!
//! An entry names who accessed and the custodian that reported it; about the access it holds
//! only a salted commitment to the question asked and the decision given (see
//! [`AccessQuestion::commitment`](crate::AccessQuestion::commitment)), so that no observer of
//! the chain learns that a patient has, say, an HIV or a mental-health record, nor, from the
//! patient's public consents, which of them decided. The patient, given the question, the
//! decision and the salt by the custodian (the receipt), checks the entry against the chain.

use crate::{
	AccessDecision, AccessKind, AccessLog, AccessLogLength, AccessQuestionOf, AccessRecord,
	AccessRecordOf, Config, Error, Event, HoldReason, OrganisationId, Pallet,
};
use alloc::vec::Vec;
use frame_support::{
	ensure,
	traits::{fungible::MutateHold, tokens::Precision, Get},
};
use healthchain_primitives::AccreditationInspect;
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Append to `patient`'s trail that `accessor` accessed, as `kind` says; `payer` pays the
	/// entry's deposit. The entry's index.
	pub(crate) fn do_record_access(
		payer: T::AccountId,
		patient: T::AccountId,
		accessor: T::AccountId,
		custodian: Option<OrganisationId>,
		kind: AccessKind,
	) -> Result<u64, DispatchError> {
		let index = AccessLogLength::<T>::get(&patient);
		let next = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::AccessRecordDeposit::get();
		T::Currency::hold(&HoldReason::AccessRecordDeposit.into(), &payer, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		AccessLog::<T>::insert(
			&patient,
			index,
			AccessRecord {
				accessor: accessor.clone(),
				custodian,
				recorded_by: payer.clone(),
				depositor: payer.clone(),
				deposit,
				kind,
				at: Self::now(),
				block: frame_system::Pallet::<T>::block_number(),
			},
		);
		AccessLogLength::<T>::insert(&patient, next);
		Self::deposit_event(Event::AccessRecorded {
			patient,
			index,
			accessor,
			custodian,
			by: payer,
		});
		Ok(index)
	}

	/// Admin `who` of the custodian that recorded entry `index` of `patient`'s trail takes
	/// over its deposit: held from `who` first (so that nothing changes if they cannot pay),
	/// then released from the previous depositor.
	pub(crate) fn do_change_access_record_deposit_owner(
		who: T::AccountId,
		patient: T::AccountId,
		index: u64,
	) -> DispatchResult {
		let mut entry = AccessLog::<T>::get(&patient, index).ok_or(Error::<T>::EntryNotFound)?;
		// A break-glass opening is the practitioner's own act, under their own licence.
		let custodian = entry.custodian.ok_or(Error::<T>::NoCustodian)?;
		ensure!(T::Accreditation::admin_of(custodian) == Some(who.clone()), Error::<T>::NotAdmin);
		ensure!(entry.depositor != who, Error::<T>::AlreadyDepositor);
		let reason = HoldReason::AccessRecordDeposit.into();
		T::Currency::hold(&reason, &who, entry.deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		T::Currency::release(&reason, &entry.depositor, entry.deposit, Precision::BestEffort)?;
		let from = core::mem::replace(&mut entry.depositor, who.clone());
		AccessLog::<T>::insert(&patient, index, entry);
		Self::deposit_event(Event::AccessRecordDepositOwnerChanged {
			patient,
			index,
			from,
			to: who,
		});
		Ok(())
	}

	/// Up to `limit` (at most `MaxPageSize`) entries of `patient`'s trail from index `start`.
	pub fn audit_log(
		patient: &T::AccountId,
		start: u64,
		limit: u32,
	) -> Vec<(u64, AccessRecordOf<T>)> {
		let end = AccessLogLength::<T>::get(patient);
		let limit = u64::from(limit.min(T::MaxPageSize::get()));
		(start..end.min(start.saturating_add(limit)))
			.filter_map(|index| AccessLog::<T>::get(patient, index).map(|entry| (index, entry)))
			.collect()
	}

	/// Whether entry `index` of the trail of `question`'s patient commits to `question` and
	/// `decision` with `salt`: how a patient, given the receipt by the custodian, checks the
	/// entry. (Whether the chain gave that decision then is `check_access` at the entry's
	/// block.)
	pub fn audit_entry_matches(
		index: u64,
		question: &AccessQuestionOf<T>,
		decision: &AccessDecision,
		salt: &[u8; 32],
	) -> bool {
		AccessLog::<T>::get(&question.patient, index).is_some_and(|entry| {
			entry.accessor == question.accessor
				&& entry.kind
					== AccessKind::Reported { commitment: question.commitment(decision, salt) }
		})
	}
}
