//! Storage migrations, versioned with the pallet's [`StorageVersion`](crate::STORAGE_VERSION).

use crate::{Config, Pallet};
use frame_support::{
	migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade, weights::Weight,
};

/// Version 0 → 1: `OrganisationInfo` gained `invitations` (agents now accept before acting).
///
/// No chain holds version-0 organisations (healthchain has not launched), so there is nothing
/// to translate: the migration only records the new version. A chain that had version-0 data
/// would need `Organisations::translate` appending `invitations: 0` to each organisation.
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
