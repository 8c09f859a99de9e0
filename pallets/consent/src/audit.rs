//! The patients' audit trails: every access a custodian reports, and every break-glass.

use crate::{
	AccessDecision, AccessLog, AccessLogLength, AccessRecord, AccessRecordOf, Action, Config,
	Error, Event, HoldReason, OrganisationId, Pallet, Purpose, RecordScope,
};
use alloc::vec::Vec;
use frame_support::traits::{fungible::MutateHold, Get};
use sp_runtime::DispatchError;

impl<T: Config> Pallet<T> {
	/// Append to `patient`'s trail that `accessor` accessed `scope` and what the chain decided
	/// for it; `payer` pays the entry's deposit. The entry's index.
	pub(crate) fn do_record_access(
		payer: T::AccountId,
		patient: T::AccountId,
		accessor: T::AccountId,
		custodian: Option<OrganisationId>,
		scope: Option<RecordScope>,
		action: Action,
		purpose: Purpose,
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
				scope,
				action,
				purpose,
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
}
