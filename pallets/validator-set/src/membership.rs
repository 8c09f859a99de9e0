//! Who the consortium keeps as validators: it adds an account that acts for an organisation in
//! good standing and has session keys, and removes validators, never below the minimum.

use crate::{
	AccreditationInspect, Config, Error, Event, Operators, OrganisationId, Pallet, Validators,
};
use frame_support::{
	ensure,
	traits::{Contains, Get},
};
use sp_runtime::{DispatchError, DispatchResult};

impl<T: Config> Pallet<T> {
	/// Add `validator`, the node of `organisation`: it must act for `organisation` now, the
	/// organisation must be in good standing, and it must have session keys.
	pub(crate) fn do_add_validator(
		validator: T::AccountId,
		organisation: OrganisationId,
	) -> DispatchResult {
		T::Accreditation::ensure_acts_for(&validator, organisation)
			.map_err(Error::<T>::Standing)?;
		ensure!(T::SessionKeys::contains(&validator), Error::<T>::NoSessionKeys);
		Validators::<T>::try_mutate(|validators| {
			ensure!(!validators.contains(&validator), Error::<T>::AlreadyValidator);
			validators.try_push(validator.clone()).map_err(|_| Error::<T>::TooManyValidators)
		})?;
		Operators::<T>::insert(&validator, organisation);
		Self::deposit_event(Event::ValidatorAdded { validator, organisation });
		Ok(())
	}

	/// Remove `validator`, unless that would leave fewer than the minimum.
	pub(crate) fn do_remove_validator(validator: T::AccountId) -> DispatchResult {
		Self::do_remove(core::slice::from_ref(&validator))?;
		Self::deposit_event(Event::ValidatorRemoved { validator });
		Ok(())
	}

	/// Remove every account of `remove` from the set, or none (an error).
	pub(crate) fn do_remove(remove: &[T::AccountId]) -> DispatchResult {
		Validators::<T>::try_mutate(|validators| {
			for (i, who) in remove.iter().enumerate() {
				ensure!(!remove[..i].contains(who), Error::<T>::DuplicateValidator);
				let at =
					validators.iter().position(|v| v == who).ok_or(Error::<T>::NotValidator)?;
				validators.remove(at);
			}
			ensure!(
				validators.len() as u32 >= T::MinValidators::get(),
				Error::<T>::TooFewValidators
			);
			Ok::<_, DispatchError>(())
		})?;
		for who in remove {
			Operators::<T>::remove(who);
		}
		Ok(())
	}
}
