//! The set each session gets, as `pallet-session`'s session manager: the kept validators that
//! are eligible then (session keys, and an organisation in good standing they still act for),
//! unless fewer than the minimum are; and the pallet's invariants.

use crate::{
	AccreditationInspect, Config, Eligible, Event, LeftOut, Operators, Pallet, Queued,
	SessionIndex, SessionManager, Validators,
};
use alloc::vec::Vec;
use frame_support::{
	traits::{Contains, Get},
	BoundedVec,
};

impl<T: Config> Pallet<T> {
	/// Why `validator` may not be in a session's set now, if it may not.
	pub fn left_out(validator: &T::AccountId) -> Option<LeftOut> {
		if !T::SessionKeys::contains(validator) {
			return Some(LeftOut::NoSessionKeys);
		}
		let organisation = Operators::<T>::get(validator)?;
		T::Accreditation::ensure_acts_for(validator, organisation).err().map(LeftOut::Standing)
	}

	/// The set for a session now: the kept validators that are eligible, and those left
	/// out with why.
	pub fn eligible() -> Eligible<T::AccountId> {
		let mut set = Vec::new();
		let mut left_out = Vec::new();
		for validator in Validators::<T>::get() {
			match Self::left_out(&validator) {
				None => set.push(validator),
				Some(reason) => left_out.push((validator, reason)),
			}
		}
		Eligible { set, left_out }
	}
}

impl<T: Config> SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		let Eligible { set, left_out } = Self::eligible();
		// Fewer than the minimum eligible: the set stays as it is (never re-admitting one
		// that is not eligible, never shrinking below the minimum, never empty).
		let kept = set.as_slice() != Queued::<T>::get().as_slice()
			&& (set.len() as u32) < T::MinValidators::get();
		Self::aim_recovery(new_index, kept, set.len() as u32);
		if set.as_slice() == Queued::<T>::get().as_slice() {
			return None;
		}
		if kept {
			Self::deposit_event(Event::ValidatorSetKept {
				session: new_index,
				eligible: set.len() as u32,
			});
			return None;
		}
		let Ok(bounded) = BoundedVec::<_, T::MaxValidators>::try_from(set.clone()) else {
			return None;
		};
		Queued::<T>::put(bounded);
		for (validator, reason) in left_out {
			Self::deposit_event(Event::ValidatorLeftOut { validator, reason, session: new_index });
		}
		Self::deposit_event(Event::ValidatorSetQueued {
			session: new_index,
			validators: set.clone(),
		});
		Some(set)
	}

	fn new_session_genesis(_: SessionIndex) -> Option<Vec<T::AccountId>> {
		let validators = Validators::<T>::get();
		Queued::<T>::put(validators.clone());
		Some(validators.into_inner())
	}

	fn start_session(start_index: SessionIndex) {
		Self::start_recovery(start_index);
	}

	fn end_session(_: SessionIndex) {}
}

// Invariants.
impl<T: Config> Pallet<T> {
	/// Checks the invariants: no duplicate validator, at least one, an operator only for a
	/// validator, a queued set that is not empty.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::ensure;
		let validators = Validators::<T>::get();
		ensure!(!validators.is_empty(), "no validator");
		for (i, v) in validators.iter().enumerate() {
			ensure!(!validators[..i].contains(v), "duplicate validator");
		}
		for (v, _) in Operators::<T>::iter() {
			ensure!(validators.contains(&v), "operator of an account that is no validator");
		}
		ensure!(!Queued::<T>::get().is_empty(), "empty queued set");
		Ok(())
	}
}
