//! `healthchain registry`: organisations, their agents and accreditations.

use super::{parse_time, App, ConsortiumArgs, ProfileArgs};
use anyhow::Result;
use clap::Subcommand;
use healthchain_client::{
	call::RegistryCall,
	cli,
	hash::Hash32,
	keys,
	registry::{OrganisationId, OrganisationKind, Role},
};
use serde_json::json;

#[derive(Subcommand)]
pub(crate) enum RegistryCommand {
	/// Register an organisation; the signer becomes its admin and pays the deposit.
	Register {
		/// What kind of entity it is.
		#[arg(long, value_parser = cli::primitive::<OrganisationKind>())]
		kind: OrganisationKind,
		#[command(flatten)]
		profile: ProfileArgs,
	},
	/// Replace an organisation's profile hash (admin).
	UpdateProfile {
		/// The organisation.
		organisation: OrganisationId,
		#[command(flatten)]
		profile: ProfileArgs,
	},
	/// Invite an account to act for the organisation (admin; the admin pays the agent
	/// deposit). It acts for it once it accepts (`registry accept`).
	AddAgent {
		/// The organisation.
		organisation: OrganisationId,
		/// The agent's address (SS58, 0x public key or a dev name like `bob`).
		agent: String,
	},
	/// Accept an organisation's invitation: from now on you act for it.
	Accept {
		/// The organisation.
		organisation: OrganisationId,
	},
	/// Stop acting for an organisation, or decline its invitation (agent; not the admin).
	Leave {
		/// The organisation.
		organisation: OrganisationId,
	},
	/// Stop an account acting for the organisation, or withdraw its invitation (admin).
	RemoveAgent {
		/// The organisation.
		organisation: OrganisationId,
		/// The agent's address.
		agent: String,
	},
	/// Leave the registry and recover the deposit (admin; remove the other agents first).
	Deregister {
		/// The organisation.
		organisation: OrganisationId,
	},
	/// Accredit an organisation for a role (consortium).
	Accredit {
		/// The organisation.
		organisation: OrganisationId,
		/// The role.
		#[arg(value_parser = cli::primitive::<Role>())]
		role: Role,
		/// Until when: Unix milliseconds, or from now as `+90s`, `+30m`, `+12h`, `+365d`.
		#[arg(long)]
		valid_until: String,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Move an accreditation's end (consortium).
	Renew {
		/// The organisation.
		organisation: OrganisationId,
		/// The role.
		#[arg(value_parser = cli::primitive::<Role>())]
		role: Role,
		/// The new end, as for `accredit`.
		#[arg(long)]
		valid_until: String,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Suspend an accreditation, or with no role the whole organisation (consortium).
	Suspend {
		/// The organisation.
		organisation: OrganisationId,
		/// The role; omit to suspend the organisation.
		#[arg(value_parser = cli::primitive::<Role>())]
		role: Option<Role>,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Lift a suspension (consortium).
	Reinstate {
		/// The organisation.
		organisation: OrganisationId,
		/// The role; omit to reinstate the organisation.
		#[arg(value_parser = cli::primitive::<Role>())]
		role: Option<Role>,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Revoke an accreditation (consortium).
	Revoke {
		/// The organisation.
		organisation: OrganisationId,
		/// The role.
		#[arg(value_parser = cli::primitive::<Role>())]
		role: Role,
		#[command(flatten)]
		consortium: ConsortiumArgs,
	},
	/// Show an organisation, its agents and accreditations.
	Show {
		/// The organisation.
		organisation: OrganisationId,
	},
	/// May this account act in this role now, and for which organisation?
	Check {
		/// The account.
		account: String,
		/// The role.
		#[arg(value_parser = cli::primitive::<Role>())]
		role: Role,
	},
	/// Which organisation an account acts for.
	Whois {
		/// The account.
		account: String,
	},
}

impl App {
	pub(crate) async fn registry(&self, command: &RegistryCommand) -> Result<()> {
		use RegistryCommand::*;
		match command {
			Register { kind, profile } => {
				let hash = profile.hash()?;
				let chain = self.chain().await?;
				self.submit(
					chain,
					RegistryCall::register_organisation { kind: *kind, profile_hash: hash.h256() },
				)
				.await?;
			},
			UpdateProfile { organisation, profile } => {
				let hash = profile.hash()?;
				let chain = self.chain().await?;
				self.submit(
					chain,
					RegistryCall::update_profile {
						organisation: *organisation,
						profile_hash: hash.h256(),
					},
				)
				.await?;
			},
			AddAgent { organisation, agent } => {
				let agent = keys::parse_account(agent)?;
				let chain = self.chain().await?;
				self.submit(chain, RegistryCall::add_agent { organisation: *organisation, agent })
					.await?;
			},
			Accept { organisation } => {
				let chain = self.chain().await?;
				self.submit(chain, RegistryCall::accept_invitation { organisation: *organisation })
					.await?;
			},
			Leave { organisation } => {
				let chain = self.chain().await?;
				self.submit(
					chain,
					RegistryCall::leave_organisation { organisation: *organisation },
				)
				.await?;
			},
			RemoveAgent { organisation, agent } => {
				let agent = keys::parse_account(agent)?;
				let chain = self.chain().await?;
				self.submit(
					chain,
					RegistryCall::remove_agent { organisation: *organisation, agent },
				)
				.await?;
			},
			Deregister { organisation } => {
				let chain = self.chain().await?;
				self.submit(
					chain,
					RegistryCall::deregister_organisation { organisation: *organisation },
				)
				.await?;
			},
			Accredit { organisation, role, valid_until, consortium } => {
				let until = parse_time(valid_until)?;
				self.consortium(
					RegistryCall::grant_accreditation {
						organisation: *organisation,
						role: *role,
						valid_until: until,
					},
					consortium.via,
				)
				.await?;
			},
			Renew { organisation, role, valid_until, consortium } => {
				let until = parse_time(valid_until)?;
				self.consortium(
					RegistryCall::renew_accreditation {
						organisation: *organisation,
						role: *role,
						valid_until: until,
					},
					consortium.via,
				)
				.await?;
			},
			Suspend { organisation, role, consortium } => {
				let organisation = *organisation;
				let call = match *role {
					Some(role) => RegistryCall::suspend_accreditation { organisation, role },
					None => RegistryCall::suspend_organisation { organisation },
				};
				self.consortium(call, consortium.via).await?;
			},
			Reinstate { organisation, role, consortium } => {
				let organisation = *organisation;
				let call = match *role {
					Some(role) => RegistryCall::reinstate_accreditation { organisation, role },
					None => RegistryCall::reinstate_organisation { organisation },
				};
				self.consortium(call, consortium.via).await?;
			},
			Revoke { organisation, role, consortium } => {
				self.consortium(
					RegistryCall::revoke_accreditation { organisation: *organisation, role: *role },
					consortium.via,
				)
				.await?;
			},
			Show { organisation } => {
				let chain = self.chain().await?;
				let Some(report) = chain.organisation(*organisation, false).await? else {
					return Err(healthchain_client::invalid(format!(
						"unknown organisation {organisation}"
					)));
				};
				self.print(report.json()?, || {
					let mut text =
						format!(
						"organisation {} ({:?}, {:?})\n  admin: {}\n  profile: {}\n  agents: {}",
						report.id,
						report.organisation.kind,
						report.organisation.status,
						report.organisation.admin,
						Hash32::from(report.organisation.profile_hash),
						report.agent_accounts.iter().map(|a| a.to_string()).collect::<Vec<_>>().join(", ")
					);
					for accreditation in report.accreditations.iter() {
						text.push_str(&format!(
							"\n  {:?}: {:?} until {} ms",
							accreditation.role, accreditation.effective, accreditation.valid_until
						));
					}
					text
				});
			},
			Check { account, role } => {
				let account = keys::parse_account(account)?;
				let chain = self.chain().await?;
				let answer = chain.check_role(&account, *role, false).await?;
				let value = match &answer {
					Ok(id) => {
						json!({ "account": account.to_string(), "role": role, "permitted": true, "organisation": id })
					},
					Err(why) => {
						json!({ "account": account.to_string(), "role": role, "permitted": false, "reason": why })
					},
				};
				self.print(value, || match answer {
					Ok(id) => format!("{account} may act as {role:?} for organisation {id}"),
					Err(why) => format!("{account} may not act as {role:?}: {why:?}"),
				});
			},
			Whois { account } => {
				let account = keys::parse_account(account)?;
				let chain = self.chain().await?;
				let organisation = chain.organisation_of(&account, false).await?;
				self.print(
					json!({ "account": account.to_string(), "organisation": organisation }),
					|| match organisation {
						Some(id) => format!("{account} acts for organisation {id}"),
						None => format!("{account} acts for no organisation"),
					},
				);
			},
		}
		Ok(())
	}
}
