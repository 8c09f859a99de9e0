//! Benchmarks of the registry's calls (FRAME v2 syntax), each in its worst case.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, EnsureOrigin, Get};
use frame_system::RawOrigin;
use sp_core::H256;
use sp_runtime::traits::{Bounded, Saturating};

/// An account with ample funds for every deposit.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::OrganisationDeposit::get()
		.saturating_add(T::AgentDeposit::get().saturating_mul(1_000u32.into()))
		.saturating_mul(10u32.into());
	T::Currency::set_balance(&who, amount.max(BalanceOf::<T>::max_value() / 4u32.into()));
	who
}

/// An organisation registered by a funded admin.
fn registered<T: Config>() -> (T::AccountId, OrganisationId) {
	let admin = funded::<T>("admin", 0);
	let id = Pallet::<T>::do_register_organisation(
		admin.clone(),
		OrganisationKind::Hospital,
		H256::repeat_byte(1),
	)
	.expect("a funded new account can register");
	(admin, id)
}

/// A valid-until time well after the benchmark's block time.
fn later<T: Config>() -> Moment {
	Pallet::<T>::now().saturating_add(365 * 24 * 3600 * 1000)
}

fn consortium<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::ConsortiumOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_organisation() {
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), OrganisationKind::Laboratory, H256::repeat_byte(7));
		assert_eq!(Pallet::<T>::organisation_of(&caller), Some(0));
	}

	#[benchmark]
	fn update_profile() {
		let (admin, id) = registered::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), id, H256::repeat_byte(2));
		assert_eq!(Organisations::<T>::get(id).map(|o| o.profile_hash), Some(H256::repeat_byte(2)));
	}

	#[benchmark]
	fn add_agent() {
		let (admin, id) = registered::<T>();
		let agent: T::AccountId = account("agent", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), id, agent.clone());
		assert!(Invitations::<T>::contains_key(id, &agent));
	}

	#[benchmark]
	fn accept_invitation() -> Result<(), BenchmarkError> {
		let (admin, id) = registered::<T>();
		let agent: T::AccountId = account("agent", 0, 0);
		Pallet::<T>::do_add_agent(&admin, id, agent.clone())?;
		#[extrinsic_call]
		_(RawOrigin::Signed(agent.clone()), id);
		assert_eq!(Pallet::<T>::organisation_of(&agent), Some(id));
		Ok(())
	}

	/// Worst case: an agent who accepted (more storage to remove than an invitation).
	#[benchmark]
	fn remove_agent() -> Result<(), BenchmarkError> {
		let (admin, id) = registered::<T>();
		let agent: T::AccountId = account("agent", 0, 0);
		Pallet::<T>::do_add_agent(&admin, id, agent.clone())?;
		Pallet::<T>::do_accept_invitation(agent.clone(), id)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), id, agent.clone());
		assert_eq!(Pallet::<T>::organisation_of(&agent), None);
		Ok(())
	}

	/// Worst case: an agent who accepted leaves (an invitation declined removes less).
	#[benchmark]
	fn leave_organisation() -> Result<(), BenchmarkError> {
		let (admin, id) = registered::<T>();
		let agent: T::AccountId = account("agent", 0, 0);
		Pallet::<T>::do_add_agent(&admin, id, agent.clone())?;
		Pallet::<T>::do_accept_invitation(agent.clone(), id)?;
		#[extrinsic_call]
		_(RawOrigin::Signed(agent.clone()), id);
		assert_eq!(Pallet::<T>::organisation_of(&agent), None);
		Ok(())
	}

	#[benchmark]
	fn deregister_organisation() -> Result<(), BenchmarkError> {
		let (admin, id) = registered::<T>();
		// Worst case: an accreditation for every role is removed.
		for role in Role::ALL {
			Pallet::<T>::do_grant_accreditation(id, role, later::<T>())?;
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), id);
		assert!(!Organisations::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn grant_accreditation() -> Result<(), BenchmarkError> {
		let (_, id) = registered::<T>();
		let origin = consortium::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, Role::Provider, later::<T>());
		assert!(Accreditations::<T>::contains_key(id, Role::Provider));
		Ok(())
	}

	#[benchmark]
	fn renew_accreditation() -> Result<(), BenchmarkError> {
		let (_, id) = registered::<T>();
		Pallet::<T>::do_grant_accreditation(id, Role::Provider, later::<T>())?;
		let until = later::<T>().saturating_mul(2);
		let origin = consortium::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, Role::Provider, until);
		assert_eq!(
			Accreditations::<T>::get(id, Role::Provider).map(|a| a.valid_until),
			Some(until)
		);
		Ok(())
	}

	#[benchmark]
	fn suspend_accreditation() -> Result<(), BenchmarkError> {
		let (_, id) = registered::<T>();
		Pallet::<T>::do_grant_accreditation(id, Role::Provider, later::<T>())?;
		let origin = consortium::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, Role::Provider);
		assert_eq!(
			Accreditations::<T>::get(id, Role::Provider).map(|a| a.status),
			Some(AccreditationStatus::Suspended)
		);
		Ok(())
	}

	#[benchmark]
	fn reinstate_accreditation() -> Result<(), BenchmarkError> {
		let (_, id) = registered::<T>();
		Pallet::<T>::do_grant_accreditation(id, Role::Provider, later::<T>())?;
		Pallet::<T>::do_suspend_accreditation(id, Role::Provider)?;
		let origin = consortium::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, Role::Provider);
		assert_eq!(
			Accreditations::<T>::get(id, Role::Provider).map(|a| a.status),
			Some(AccreditationStatus::Active)
		);
		Ok(())
	}

	#[benchmark]
	fn revoke_accreditation() -> Result<(), BenchmarkError> {
		let (_, id) = registered::<T>();
		Pallet::<T>::do_grant_accreditation(id, Role::Provider, later::<T>())?;
		let origin = consortium::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, Role::Provider);
		assert!(!Accreditations::<T>::contains_key(id, Role::Provider));
		Ok(())
	}

	#[benchmark]
	fn suspend_organisation() -> Result<(), BenchmarkError> {
		let (_, id) = registered::<T>();
		let origin = consortium::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert_eq!(
			Organisations::<T>::get(id).map(|o| o.status),
			Some(OrganisationStatus::Suspended)
		);
		Ok(())
	}

	#[benchmark]
	fn reinstate_organisation() -> Result<(), BenchmarkError> {
		let (_, id) = registered::<T>();
		Pallet::<T>::do_set_organisation_status(id, OrganisationStatus::Suspended)?;
		let origin = consortium::<T>()?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert_eq!(Organisations::<T>::get(id).map(|o| o.status), Some(OrganisationStatus::Active));
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
