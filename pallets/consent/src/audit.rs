//! The patients' audit trails: every access a custodian reports, and every break-glass.
//!
//! An entry names who accessed, the custodian that reported it and the decision; about the
//! record it holds only a salted commitment to the question asked (see
//! [`AccessQuestion::commitment`](crate::AccessQuestion::commitment)), so that no observer of
//! the chain learns that a patient has, say, an HIV or a mental-health record.

use crate::{
	AccessDecision, AccessLog, AccessLogLength, AccessQuestionOf, AccessRecord, AccessRecordOf,
	Config, Error, Event, HoldReason, OrganisationId, Pallet,
};
use alloc::vec::Vec;
use frame_support::traits::{fungible::MutateHold, Get};
use sp_core::H256;
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// Append to `patient`'s trail that `accessor` accessed what `question` commits to, and
	/// what decided it; `payer` pays the entry's deposit. The entry's index.
	pub(crate) fn do_record_access(
		payer: T::AccountId,
		patient: T::AccountId,
		accessor: T::AccountId,
		custodian: Option<OrganisationId>,
		question: Option<H256>,
		decision: AccessDecision,
	) -> Result<u64, DispatchError> {
		let index = AccessLogLength::<T>::get(&patient);
		let next = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		T::Currency::hold(
			&HoldReason::AccessRecordDeposit.into(),
			&payer,
			T::AccessRecordDeposit::get(),
		)
		.map_err(|_| Error::<T>::InsufficientBalance)?;
		AccessLog::<T>::insert(
			&patient,
			index,
			AccessRecord {
				accessor: accessor.clone(),
				custodian,
				recorded_by: payer.clone(),
				question,
				decision,
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
			decision,
		});
		Ok(index)
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

	/// Whether entry `index` of the trail of `question`'s patient commits to `question` with
	/// `salt`: how a patient, shown the question and salt by the custodian, checks the entry.
	pub fn audit_entry_matches(
		index: u64,
		question: &AccessQuestionOf<T>,
		salt: &[u8; 32],
	) -> bool {
		AccessLog::<T>::get(&question.patient, index).is_some_and(|entry| {
			entry.accessor == question.accessor && entry.question == Some(question.commitment(salt))
		})
	}
}
