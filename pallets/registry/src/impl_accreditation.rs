//! The registry's answers to other pallets ([`AccreditationInspect`]) and to the runtime API,
//! and its storage invariants.

use crate::{
	AccreditationEffectiveStatus, AccreditationError, AccreditationInspect, AccreditationView,
	Accreditations, AgentOf, AgentsOf, Config, OrganisationId, OrganisationOf, OrganisationStatus,
	Organisations, Pallet, Role, StandingError,
};
use alloc::vec::Vec;

impl<T: Config> Pallet<T> {
	/// The organisation for which `who` may act in `role` now, or why not.
	pub fn check_role(
		who: &T::AccountId,
		role: Role,
	) -> Result<OrganisationId, AccreditationError> {
		let agent = AgentOf::<T>::get(who).ok_or(AccreditationError::NotAnAgent)?;
		let id = agent.organisation;
		Self::check_organisation_role(id, role).map(|()| id)
	}

	/// Whether organisation `id` may act in `role` now, or why not.
	pub fn check_organisation_role(
		id: OrganisationId,
		role: Role,
	) -> Result<(), AccreditationError> {
		let organisation = Organisations::<T>::get(id).ok_or(AccreditationError::NotAccredited)?;
		if organisation.status == OrganisationStatus::Suspended {
			return Err(AccreditationError::OrganisationSuspended);
		}
		let accreditation =
			Accreditations::<T>::get(id, role).ok_or(AccreditationError::NotAccredited)?;
		match accreditation.effective_status(Self::now()) {
			AccreditationEffectiveStatus::Active => Ok(()),
			AccreditationEffectiveStatus::Suspended => Err(AccreditationError::Suspended),
			AccreditationEffectiveStatus::Expired => Err(AccreditationError::Expired),
		}
	}

	/// Whether organisation `id` is in good standing now, or why not: registered, not suspended,
	/// and accredited for at least one role now (at most one read per role).
	pub fn standing(id: OrganisationId) -> Result<(), StandingError> {
		let organisation =
			Organisations::<T>::get(id).ok_or(StandingError::OrganisationNotRegistered)?;
		if organisation.status == OrganisationStatus::Suspended {
			return Err(StandingError::OrganisationSuspended);
		}
		let now = Self::now();
		Accreditations::<T>::iter_prefix_values(id)
			.any(|accreditation| {
				accreditation.effective_status(now) == AccreditationEffectiveStatus::Active
			})
			.then_some(())
			.ok_or(StandingError::NoAccreditationInForce)
	}

	/// Organisation `id`, for the runtime API.
	pub fn organisation_info(id: OrganisationId) -> Option<OrganisationOf<T>> {
		Organisations::<T>::get(id)
	}

	/// The organisation `who` acts for, if any.
	pub fn organisation_of(who: &T::AccountId) -> Option<OrganisationId> {
		AgentOf::<T>::get(who).map(|agent| agent.organisation)
	}

	/// Every accreditation of organisation `id`, with its status now. At most one per role.
	pub fn accreditations_of(
		id: OrganisationId,
	) -> Vec<AccreditationView<frame_system::pallet_prelude::BlockNumberFor<T>>> {
		let now = Self::now();
		Role::ALL
			.into_iter()
			.filter_map(|role| {
				Accreditations::<T>::get(id, role).map(|accreditation| AccreditationView {
					role,
					valid_until: accreditation.valid_until,
					status: accreditation.status,
					effective: accreditation.effective_status(now),
					granted_at: accreditation.granted_at,
				})
			})
			.collect()
	}

	/// The agents of organisation `id`, its admin included (at most `MaxAgents + 1`).
	pub fn agents_of(id: OrganisationId) -> Vec<T::AccountId> {
		AgentsOf::<T>::iter_key_prefix(id).collect()
	}

	/// Check the registry's storage invariants.
	///
	/// - every agent record points at an existing organisation and is mirrored in `AgentsOf`;
	/// - every organisation's admin acts for it, and its agent count matches `AgentsOf`;
	/// - every accreditation belongs to an existing organisation;
	/// - every id is below `NextOrganisationId`.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::ensure;
		let next = crate::NextOrganisationId::<T>::get();
		for (who, agent) in AgentOf::<T>::iter() {
			ensure!(
				Organisations::<T>::contains_key(agent.organisation),
				"agent of a missing organisation"
			);
			ensure!(
				AgentsOf::<T>::contains_key(agent.organisation, &who),
				"AgentOf not mirrored in AgentsOf"
			);
		}
		for (id, who, ()) in AgentsOf::<T>::iter() {
			ensure!(
				AgentOf::<T>::get(&who).map(|a| a.organisation) == Some(id),
				"AgentsOf not mirrored in AgentOf"
			);
		}
		for (id, organisation) in Organisations::<T>::iter() {
			ensure!(id < next, "organisation id not below NextOrganisationId");
			ensure!(
				AgentOf::<T>::get(&organisation.admin).map(|a| a.organisation) == Some(id),
				"admin does not act for its organisation"
			);
			let counted = AgentsOf::<T>::iter_key_prefix(id).count();
			ensure!(
				counted == (organisation.agents as usize).saturating_add(1),
				"agent count differs from AgentsOf"
			);
			ensure!(
				organisation.agents.saturating_add(organisation.invitations)
					<= <T::MaxAgents as frame_support::traits::Get<u32>>::get(),
				"more agents and invitations than MaxAgents"
			);
			ensure!(
				crate::Invitations::<T>::iter_prefix(id).count()
					== organisation.invitations as usize,
				"invitation count differs from Invitations"
			);
		}
		for (id, who, _) in crate::Invitations::<T>::iter() {
			ensure!(Organisations::<T>::contains_key(id), "invitation of a missing organisation");
			ensure!(
				AgentOf::<T>::get(&who).map(|a| a.organisation) != Some(id),
				"an agent is still invited"
			);
		}
		for (id, _role, _) in Accreditations::<T>::iter() {
			ensure!(
				Organisations::<T>::contains_key(id),
				"accreditation of a missing organisation"
			);
		}
		Ok(())
	}
}

impl<T: Config> AccreditationInspect<T::AccountId> for Pallet<T> {
	fn ensure_accredited(
		who: &T::AccountId,
		role: Role,
	) -> Result<OrganisationId, AccreditationError> {
		Self::check_role(who, role)
	}

	fn is_accredited(organisation: OrganisationId, role: Role) -> bool {
		Self::check_organisation_role(organisation, role).is_ok()
	}

	fn organisation_of(who: &T::AccountId) -> Option<OrganisationId> {
		Self::organisation_of(who)
	}

	fn organisation_exists(organisation: OrganisationId) -> bool {
		Organisations::<T>::contains_key(organisation)
	}

	fn admin_of(organisation: OrganisationId) -> Option<T::AccountId> {
		Organisations::<T>::get(organisation).map(|info| info.admin)
	}

	fn standing(organisation: OrganisationId) -> Result<(), StandingError> {
		Self::standing(organisation)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn make_accredited(who: &T::AccountId, role: Role) -> OrganisationId {
		use crate::{Moment, OrganisationKind};
		use frame_support::traits::{
			fungible::{Inspect, Mutate},
			Get,
		};
		use sp_runtime::Saturating;
		// Through the pallet's own paths: fund the deposit, register, (re-)grant until the end of
		// time. A benchmark whose setup cannot register has nothing to measure.
		let id = match AgentOf::<T>::get(who) {
			Some(agent) => agent.organisation,
			None => {
				let needed = T::OrganisationDeposit::get()
					.saturating_add(T::Currency::minimum_balance())
					.saturating_mul(2u32.into());
				if T::Currency::balance(who) < needed {
					T::Currency::set_balance(who, needed);
				}
				Self::do_register_organisation(
					who.clone(),
					OrganisationKind::Hospital,
					Default::default(),
				)
				.expect("a funded account that acts for no organisation can register")
			},
		};
		Accreditations::<T>::remove(id, role);
		Self::do_grant_accreditation(id, role, Moment::MAX)
			.expect("a registered organisation without this role can be accredited");
		id
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn make_in_good_standing_at_most_cost(who: &T::AccountId) -> OrganisationId {
		// `in_good_standing` reads the organisation's accreditations in key order until one is
		// in force: every role accredited, every one suspended but the last in that order.
		let id = Self::make_accredited(who, Role::ALL[0]);
		let last = Role::ALL
			.iter()
			.copied()
			.max_by_key(|role| Accreditations::<T>::hashed_key_for(id, role))
			.unwrap_or(Role::ALL[0]);
		for role in Role::ALL {
			Self::make_accredited(who, role);
			if role != last {
				Self::do_suspend_accreditation(id, role)
					.expect("an accreditation in force can be suspended");
			}
		}
		id
	}
}
