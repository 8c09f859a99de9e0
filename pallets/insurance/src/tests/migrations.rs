//! The storage version and the migration from version 0.

use super::*;

/// The storage version, and version 0's refusals (the deposit alone) rewritten with their
/// patient as depositor; running the migration again does nothing.
#[test]
fn migration_from_v0_names_each_refusals_patient_as_its_depositor() {
	use crate::{
		migrations::{v0, MigrateV0ToV1},
		Pallet, RefusedInsurers, STORAGE_VERSION,
	};
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	assert_eq!(STORAGE_VERSION, 1);
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Insurance::refuse_insurer(origin(PATIENT), INSURER_ORG));
		RefusedInsurers::<Test>::remove(PATIENT, INSURER_ORG);
		v0::RefusedInsurers::<Test>::insert(PATIENT, INSURER_ORG, REFUSAL_DEPOSIT);
		StorageVersion::new(0).put::<Pallet<Test>>();

		MigrateV0ToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Pallet::<Test>::on_chain_storage_version(), STORAGE_VERSION);
		let refusal = RefusedInsurers::<Test>::get(PATIENT, INSURER_ORG).unwrap();
		assert_eq!((refusal.depositor, refusal.deposit), (PATIENT, REFUSAL_DEPOSIT));
		let db = <<Test as frame_system::Config>::DbWeight as frame_support::traits::Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get();
		assert_eq!(MigrateV0ToV1::<Test>::on_runtime_upgrade(), db.reads(1));
		// The deposit still returns to the patient.
		assert_ok!(Insurance::allow_insurer(origin(PATIENT), INSURER_ORG));
		assert_eq!(Balances::balance_on_hold(&HoldReason::RefusalDeposit.into(), &PATIENT), 0);
	});
}
