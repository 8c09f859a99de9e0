//! `healthchain sponsorship`: an organisation pays its patients' fees and deposits.

use super::{hct, parse_hct, App};
use anyhow::Result;
use clap::Subcommand;
use healthchain_client::{
	invalid, keys,
	runtime::api::runtime_types::pallet_sponsorship::pallet::Call as SponsorshipCall,
	sponsorship::Agreement,
};
use serde_json::json;
use std::path::PathBuf;

#[derive(Subcommand)]
pub(crate) enum SponsorshipCommand {
	/// As a patient: agree that an organisation sponsors your account (the pseudonym you
	/// sign with); prints the agreement as JSON for its agent's `sponsorship sponsor`.
	Agree {
		/// The organisation that will sponsor you.
		organisation: u32,
		/// For how many blocks from now it may be used (at most 600, an hour).
		#[arg(long, default_value_t = 300)]
		valid_for_blocks: u32,
	},
	/// As an agent of an organisation in good standing: sponsor the patient whose agreement
	/// this is, paying their fees and deposits up to `--budget` HCT a day.
	Sponsor {
		/// The agreement file the patient's `sponsorship agree` wrote.
		agreement: PathBuf,
		/// The most the organisation pays for this patient a day, in HCT (e.g. `0.5`).
		#[arg(long)]
		budget: String,
	},
	/// As an agent of the sponsor: change a patient's daily budget (HCT).
	SetBudget {
		/// The sponsored account.
		patient: String,
		/// The new budget per day, in HCT.
		budget: String,
	},
	/// As the patient or an agent of the sponsor: end a sponsorship. Nothing the patient holds
	/// or granted is removed.
	End {
		/// The sponsored account (default: the signer).
		patient: Option<String>,
	},
	/// Pay HCT into an organisation's sponsor account (anyone).
	Fund {
		/// The organisation.
		organisation: u32,
		/// How much, in HCT.
		amount: String,
	},
	/// As an organisation's admin: take HCT from its sponsor account.
	Withdraw {
		/// How much, in HCT.
		amount: String,
	},
	/// Who sponsors an account, its budget and what is left of it today.
	Show {
		/// The account (default: the signer).
		patient: Option<String>,
	},
	/// An organisation's sponsor account: its address, what it can spend and what it holds,
	/// and the accounts it sponsors.
	Account {
		/// The organisation.
		organisation: u32,
	},
}

impl App {
	pub(crate) async fn sponsorship(&self, command: &SponsorshipCommand) -> Result<()> {
		use SponsorshipCommand::*;
		let chain = self.chain().await?;
		let call = match command {
			Agree { organisation, valid_for_blocks } => {
				self.towards(keys::Counterparty::Organisation(*organisation));
				if *valid_for_blocks > 600 {
					return Err(invalid("an agreement may be valid for at most 600 blocks"));
				}
				let signer = self.signer()?;
				let genesis = chain.genesis_hash().await?;
				let best = u32::try_from(chain.status().await?.best)
					.map_err(|_| invalid("the best block is out of range"))?;
				let nonce = chain.holdings(&signer.public_key().to_account_id()).await?.nonce;
				let agreement = Agreement::sign(
					&signer,
					&genesis,
					*organisation,
					nonce,
					best + valid_for_blocks,
				);
				// Always JSON (one line with --json): a file to hand to the organisation.
				if self.cli.json {
					println!("{}", serde_json::to_string(&agreement)?);
				} else {
					println!("{}", serde_json::to_string_pretty(&agreement)?);
				}
				return Ok(());
			},
			Sponsor { agreement, budget } => {
				let agreement = Agreement::read(agreement)?;
				let genesis = chain.genesis_hash().await?;
				if !agreement.is_valid_for(&genesis)? {
					return Err(invalid(
						"the agreement's signature is not the patient's over it on this chain",
					));
				}
				agreement.sponsor_call(parse_hct(budget)?)?
			},
			SetBudget { patient, budget } => SponsorshipCall::set_budget {
				patient: keys::parse_account(patient)?,
				budget: parse_hct(budget)?,
			}
			.into(),
			End { patient } => {
				let patient = match patient {
					Some(patient) => keys::parse_account(patient)?,
					None => self.signer()?.public_key().to_account_id(),
				};
				SponsorshipCall::end_sponsorship { patient }.into()
			},
			Fund { organisation, amount } => {
				SponsorshipCall::fund { organisation: *organisation, amount: parse_hct(amount)? }
					.into()
			},
			Withdraw { amount } => SponsorshipCall::withdraw { amount: parse_hct(amount)? }.into(),
			Show { patient } => {
				let patient = match patient {
					Some(patient) => keys::parse_account(patient)?,
					None => self.signer()?.public_key().to_account_id(),
				};
				let view = chain.sponsorship_of(&patient).await?;
				let Some(view) = view else {
					self.print(
						json!({ "account": patient.to_string(), "sponsored": false }),
						|| format!("{patient} is not sponsored: it pays its own fees and deposits"),
					);
					return Ok(());
				};
				self.print(
					json!({
						"account": patient.to_string(),
						"sponsored": true,
						"sponsor": view.sponsor,
						"sponsor_account": view.sponsor_account.to_string(),
						"paying": view.paying,
						"budget": view.budget.to_string(),
						"spent": view.spent.to_string(),
						"remaining": view.remaining.to_string(),
						"period_start": view.period_start,
						"period_blocks": view.period,
						"deposit": view.deposit.to_string(),
						"since": view.since,
					}),
					|| {
						format!(
							"{patient} is sponsored by organisation {} ({}){}\n  budget {} a \
							 day: spent {}, {} left in the period that began at block #{}",
							view.sponsor,
							view.sponsor_account,
							if view.paying {
								""
							} else {
								": NOT PAYING now (the sponsor is not in good standing)"
							},
							hct(view.budget),
							hct(view.spent),
							hct(view.remaining),
							view.period_start
						)
					},
				);
				return Ok(());
			},
			Account { organisation } => {
				let account = chain.sponsor_account(*organisation).await?;
				let sponsored = chain.sponsored_by(*organisation).await?;
				let sponsored: Vec<String> = sponsored.iter().map(|a| a.to_string()).collect();
				self.print(
					json!({
						"organisation": organisation,
						"account": account.account.to_string(),
						"spendable": account.spendable.to_string(),
						"held": account.held.to_string(),
						"sponsored": sponsored,
					}),
					|| {
						format!(
							"organisation {organisation}'s sponsor account {}: {} to spend, {} \
							 held as deposits; sponsors {} account(s)",
							account.account,
							hct(account.spendable),
							hct(account.held),
							sponsored.len()
						)
					},
				);
				return Ok(());
			},
		};
		self.submit(chain, call).await?;
		Ok(())
	}
}
