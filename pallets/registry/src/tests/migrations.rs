//! The storage version and its migration.

use super::*;
use crate::{migrations::MigrateV0ToV1, Pallet, STORAGE_VERSION};
use frame_support::{
	traits::{Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	weights::RuntimeDbWeight,
};

#[test]
fn storage_version_is_bumped_and_the_migration_records_it() {
	assert_eq!(STORAGE_VERSION, 1);
	ExtBuilder::default().build().execute_with(|| {
		// A chain at version 0 is migrated once, to 1.
		StorageVersion::new(0).put::<Pallet<Test>>();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), STORAGE_VERSION);
		assert_eq!(Pallet::<Test>::in_code_storage_version(), STORAGE_VERSION);
		// Run again, it does nothing.
		let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), STORAGE_VERSION);
		let db = <<Test as frame_system::Config>::DbWeight as Get<RuntimeDbWeight>>::get();
		assert_eq!(weight, db.reads(1));
	});
}
