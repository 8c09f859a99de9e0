//! What the mocks of the pallets built on the registry share: a wall clock tests move, and the
//! set-up of organisations, their accreditations and agents through the registry's own paths.
//!
//! Compiled for this crate's tests and with the `test-support` feature, which the other pallets'
//! dev-dependency on this one turns on; never in a runtime.

use crate::{Config, Moment, OrganisationId, OrganisationKind, Pallet, Role};
use core::time::Duration;
use frame_support::traits::UnixTime;

mod clock {
	// `parameter_types!` writes a thread-local beside `Now`, undocumented.
	#![allow(missing_docs)]
	use crate::Moment;
	frame_support::parameter_types! {
		/// A mock's wall clock, in Unix milliseconds; tests move it with `Now::set`.
		pub static Now: Moment = 0;
	}
}
pub use clock::Now;

/// Time read from [`Now`]: a mock's `Config::Time`.
pub struct MockTime;

impl UnixTime for MockTime {
	fn now() -> Duration {
		Duration::from_millis(Now::get())
	}
}

/// An organisation as a mock sets it up: `admin` registers it (paying the deposit), the
/// consortium accredits it for `roles` until `valid_until`, and each of `agents` is invited by
/// the admin (who pays their deposit) and accepts.
pub struct Organisation<'a, AccountId> {
	/// Its admin.
	pub admin: AccountId,
	/// Its kind.
	pub kind: OrganisationKind,
	/// The roles it is accredited for.
	pub roles: &'a [Role],
	/// Its agents besides the admin.
	pub agents: &'a [AccountId],
	/// When its accreditations end.
	pub valid_until: Moment,
}

impl<AccountId: Clone> Organisation<'_, AccountId> {
	/// Set it up; its id. Panics (a broken mock) if the registry refuses any step.
	pub fn register<T: Config<AccountId = AccountId>>(&self) -> OrganisationId {
		let id = Pallet::<T>::do_register_organisation(
			self.admin.clone(),
			self.kind,
			Default::default(),
		)
		.expect("the mock's organisation registers");
		for role in self.roles {
			Pallet::<T>::do_grant_accreditation(id, *role, self.valid_until)
				.expect("the mock's organisation is accredited");
		}
		for agent in self.agents {
			Pallet::<T>::do_add_agent(&self.admin, id, agent.clone())
				.and_then(|()| Pallet::<T>::do_accept_invitation(agent.clone(), id))
				.expect("the mock's agent joins");
		}
		id
	}
}
