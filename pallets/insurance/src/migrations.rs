//! Storage migrations, versioned with the pallet's [`StorageVersion`](crate::STORAGE_VERSION).

use crate::{Config, Pallet};
use frame_support::{
	migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade, weights::Weight,
};

/// The layout of storage version 0, in which a refusal's deposit was always the patient's.
// `storage_alias` writes an undocumented prefix type.
#[allow(missing_docs)]
pub mod v0 {
	use crate::{Config, OrganisationId, Pallet};
	use frame_support::{storage_alias, Blake2_128Concat, Twox64Concat};

	/// Version 0's refusals: (patient, insurer) → the deposit held from the patient.
	#[storage_alias]
	pub type RefusedInsurers<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		Twox64Concat,
		OrganisationId,
		crate::BalanceOf<T>,
	>;
}

/// Version 0 → 1: a refusal names its depositor (a sponsor may pay a patient's deposit),
/// which version 0 did not because it was always the patient. Every stored refusal is
/// rewritten with its patient as its depositor; holds are unchanged.
///
/// One read and one write per refusal, in the upgrade block: fine for the consortium's
/// pre-launch chains; a larger chain would need a multi-block migration.
pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		use frame_support::traits::Get;
		let mut count = 0u64;
		crate::RefusedInsurers::<T>::translate::<crate::BalanceOf<T>, _>(|patient, _, deposit| {
			count = count.saturating_add(1);
			Some(crate::Refusal { depositor: patient, deposit })
		});
		T::DbWeight::get().reads_writes(count, count)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		Ok((v0::RefusedInsurers::<T>::iter_keys().count() as u64).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		let before = u64::decode(&mut &state[..]).map_err(|_| "pre_upgrade state")?;
		let mut after = 0u64;
		for (patient, _, refusal) in crate::RefusedInsurers::<T>::iter() {
			after = after.saturating_add(1);
			frame_support::ensure!(refusal.depositor == patient, "depositor not the patient");
		}
		frame_support::ensure!(before == after, "a refusal was lost in the migration");
		Pallet::<T>::do_try_state()
	}
}

/// [`InnerMigrateV0ToV1`], run only when the stored version is 0, then setting it to 1.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	InnerMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
