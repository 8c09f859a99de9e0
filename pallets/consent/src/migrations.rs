//! Storage migrations, versioned with the pallet's [`StorageVersion`](crate::STORAGE_VERSION).

use crate::{Config, Pallet};
use frame_support::{
	migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade, weights::Weight,
};

/// Version 0 → 1: representations gained ids, evidence, attestation and powers; consents name
/// the representation they were granted under; emergency grants record who closed them and
/// stay stored for their cool-down; audit entries hold a commitment to the question instead of
/// the record's scope, action and purpose.
///
/// No chain holds version-0 consent data (healthchain has not launched), so there is nothing
/// to translate: the migration only records the new version. A chain that had version-0 data
/// would need each map translated — and its audit entries' clear scopes dropped, which is the
/// point of the change.
pub struct InnerMigrateV0ToV1<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		Weight::zero()
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
