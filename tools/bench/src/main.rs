//! `healthchain-bench`: load benchmarks of a running node, driven over its RPC as its users
//! drive it (`scripts/bench-access.sh` runs them against a node it starts).
//!
//! - `access-setup`: the worst case of `check_access`: `--patients` patients
//!   (`//Eve//bench//<i>`, funded by `//Alice`), each with the most consents a patient may hold
//!   (`MaxConsentsPerPatient`, 32), each of the most provisions (`MaxProvisions`, 8), every one
//!   a permit to the custodian's agent (`//Bob`) for reading for treatment over a category the
//!   questions' record does not carry: every question weighs every provision and is denied.
//! - `access`: `--custodians` custodians, each on its own connection, asking as fast as they
//!   are answered, for `--seconds`: batches of `--batch` questions
//!   (`ConsentApi_check_access_batch`), or (`--one-by-one`) one question per call
//!   (`ConsentApi_check_access`, as before the batch). Questions go round the set-up patients;
//!   all are asked at the finalized block of the run's start, as a custodian pins its
//!   questions. With `--rate`, the custodians ask at that many decisions a second in all,
//!   evenly paced, instead of as fast as they are answered: the latency at that load. Prints
//!   decisions per second and the latency of a call (p50, p95, p99).
//! - `throughput-setup` and `throughput --kind transfer|grant`: how many transactions of a
//!   kind one block holds (`scripts/bench-throughput.sh` compares a consent grant with a
//!   transfer).

use anyhow::{bail, ensure, Result};
use clap::{Parser, Subcommand};
use healthchain_client::{
	call::Call,
	chain::Chain,
	consent::{
		AccessQuestion, Action, ConsentSpec, DataCategory, ProvisionSpec, Purpose, RecordScope,
	},
	keys::keypair_from_suri,
	outcome::Wait,
	runtime::api::{
		self,
		runtime_types::{
			healthchain_runtime::RuntimeCall,
			pallet_balances::pallet::Call as BalancesCall,
			pallet_consent::types::{AccessQuery, Decision},
			pallet_utility::pallet::Call as UtilityCall,
		},
	},
};
use std::time::{Duration, Instant};
use subxt::{rpcs::rpc_params, utils::AccountId32};

#[derive(Parser)]
#[command(name = "healthchain-bench", about = "Load benchmarks of a running healthchain node")]
struct Cli {
	/// The node's RPC endpoint.
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	url: String,
	#[command(subcommand)]
	command: Command,
}

mod throughput;

#[derive(Subcommand)]
enum Command {
	/// Fund the wallets of the throughput benchmark.
	ThroughputSetup {
		/// How many wallets.
		#[arg(long, default_value_t = 6_000)]
		wallets: usize,
	},
	/// Each wallet submits one transaction of a kind at once: how many a block holds.
	Throughput {
		/// What each wallet signs.
		#[arg(long, value_enum)]
		kind: throughput::Kind,
		/// How many wallets.
		#[arg(long, default_value_t = 6_000)]
		wallets: usize,
	},
	/// Set up the worst case of check_access on a development chain.
	AccessSetup {
		/// How many patients.
		#[arg(long, default_value_t = 100)]
		patients: usize,
	},
	/// Custodians asking check_access as fast as they are answered.
	Access {
		/// How many custodians at once, each on its own connection.
		#[arg(long, default_value_t = 50)]
		custodians: usize,
		/// Questions per call.
		#[arg(long, default_value_t = 100)]
		batch: usize,
		/// One question per call through `check_access` (the API before the batch).
		#[arg(long)]
		one_by_one: bool,
		/// How many of the set-up patients the questions go round.
		#[arg(long, default_value_t = 100)]
		patients: usize,
		/// How long.
		#[arg(long, default_value_t = 20)]
		seconds: u64,
		/// Ask at this many decisions a second in all, spread evenly over the custodians,
		/// instead of as fast as they are answered: the latency of a call at that load.
		#[arg(long)]
		rate: Option<u64>,
	},
}

/// The custodian's agent every consent is granted to, and who asks.
const CUSTODIAN: &str = "//Bob";
/// Who funds the patients.
const FUNDER: &str = "//Alice";
/// What each patient is given: its consents' deposits and fees, with room to spare.
const FUNDS: u128 = 2_000_000_000_000;

/// The `i`th patient's secret URI.
fn patient_suri(i: usize) -> String {
	format!("//Eve//bench//{i}")
}

fn account(suri: &str) -> Result<AccountId32> {
	Ok(keypair_from_suri(suri)?.public_key().to_account_id())
}

#[tokio::main]
async fn main() -> Result<()> {
	let cli = Cli::parse();
	match cli.command {
		Command::AccessSetup { patients } => access_setup(&cli.url, patients).await,
		Command::ThroughputSetup { wallets } => throughput::setup(&cli.url, wallets).await,
		Command::Throughput { kind, wallets } => throughput::run(&cli.url, kind, wallets).await,
		Command::Access { custodians, batch, one_by_one, patients, seconds, rate } => {
			let batch = if one_by_one { 1 } else { batch };
			let load = Load { custodians, batch, one_by_one, patients, seconds, rate };
			access(&cli.url, load).await
		},
	}
}

/// A consent to `grantee` of `provisions` permits over `scope`, for reading for treatment,
/// from now on.
fn permits(grantee: &AccountId32, scope: &str, provisions: usize) -> ConsentSpec {
	let provision = ProvisionSpec {
		decision: "permit".into(),
		scope: scope.into(),
		actions: vec!["read".into()],
		purposes: vec!["treatment".into()],
		data_from: None,
		data_until: None,
	};
	ConsentSpec {
		grantee: grantee.to_string(),
		from: None,
		until: None,
		provisions: vec![provision; provisions],
	}
}

/// `patient` grants `spec` (which names no time).
fn grant(patient: &AccountId32, spec: &ConsentSpec) -> Result<Call> {
	let never = |_: &str| -> Result<u64> { bail!("no times in the benchmark's consents") };
	Ok(spec.grant(patient, &never, 0)?.into())
}

/// Give each of `accounts` `amount` from [`FUNDER`], a thousand transfers per transaction (a
/// utility batch), each final before the next.
async fn fund(chain: &Chain, accounts: &[AccountId32], amount: u128) -> Result<()> {
	let funder = keypair_from_suri(FUNDER)?;
	for (n, chunk) in accounts.chunks(1_000).enumerate() {
		let transfers = chunk
			.iter()
			.map(|account| {
				RuntimeCall::Balances(BalancesCall::transfer_keep_alive {
					dest: subxt::utils::MultiAddress::Id(*account),
					value: amount,
				})
			})
			.collect();
		let call = Call(RuntimeCall::Utility(UtilityCall::batch_all { calls: transfers }));
		chain.submit(&call, &funder, Wait::Finalized).await?;
		eprintln!("funded {} of {}", n * 1_000 + chunk.len(), accounts.len());
	}
	Ok(())
}

/// The consents of the worst case, for `patient`: 32 consents of 8 permits each, over
/// medications, to the custodian's agent, for reading for treatment.
fn worst_case_grants(chain_max: (u32, u32), patient: &AccountId32) -> Result<Vec<RuntimeCall>> {
	let (consents, provisions) = chain_max;
	let spec = permits(&account(CUSTODIAN)?, "category:medications", provisions as usize);
	(0..consents).map(|_| Ok(grant(patient, &spec)?.0)).collect()
}

async fn access_setup(url: &str, patients: usize) -> Result<()> {
	let chain = Chain::connect(url).await?;
	let consents = chain.constant(api::constants().consent().max_consents_per_patient()).await?;
	let provisions = chain.constant(api::constants().consent().max_provisions()).await?;
	let accounts: Vec<AccountId32> =
		(0..patients).map(|i| account(&patient_suri(i))).collect::<Result<_>>()?;
	eprintln!("funding {patients} patients from {FUNDER}");
	fund(&chain, &accounts, FUNDS).await?;
	eprintln!("each grants {consents} consents of {provisions} provisions to {CUSTODIAN}");
	for (i, patient) in accounts.iter().enumerate() {
		let grants = worst_case_grants((consents, provisions), patient)?;
		let call = Call(RuntimeCall::Utility(UtilityCall::batch_all { calls: grants }));
		chain.submit(&call, &keypair_from_suri(&patient_suri(i))?, Wait::None).await?;
	}
	let deadline = Instant::now() + Duration::from_secs(300);
	for patient in &accounts {
		loop {
			let held = chain
				.runtime_api(api::runtime_apis().consent_api().consents_of(*patient), false)
				.await?
				.len();
			if held == consents as usize {
				break;
			}
			ensure!(Instant::now() < deadline, "{patient} holds {held} consents after 5 minutes");
			tokio::time::sleep(Duration::from_secs(2)).await;
		}
	}
	eprintln!("set up: {patients} patients, {consents} consents each, finalized");
	Ok(())
}

/// The record every question is about: labelled with every category but medications, the one
/// the worst case's consents cover, so that every provision is compared with every label.
fn question(patient: &AccountId32) -> Result<AccessQuestion> {
	use DataCategory::*;
	Ok(AccessQuestion {
		accessor: account(CUSTODIAN)?,
		patient: *patient,
		scope: RecordScope {
			labels: vec![
				ClinicalNotes,
				DiagnosticReports,
				Imaging,
				Immunizations,
				Allergies,
				Conditions,
				Procedures,
				VitalSigns,
				CarePlans,
				MentalHealth,
				Genomics,
				SexualAndReproductiveHealth,
				SubstanceUse,
				Hiv,
			],
			token: None,
			recorded_at: None,
			openings: vec![],
		},
		action: Action::Read,
		purpose: Purpose::Treatment,
	})
}

/// What one custodian sends in each call: the runtime API's name and its SCALE-encoded
/// arguments, as hex, encoded once. Checked first through the typed call: `batch` decisions,
/// each the worst case's (denied: no consent permits it).
async fn request(
	chain: &Chain,
	batch: usize,
	one_by_one: bool,
	patients: &[AccountId32],
	first: usize,
) -> Result<(String, String)> {
	let questions: Vec<AccessQuestion> = (0..batch)
		.map(|i| question(&patients[(first + i) % patients.len()]))
		.collect::<Result<_>>()?;
	let at = chain.api().at_current_block().await?;
	let apis = api::runtime_apis().consent_api();
	let (name, args, decisions) = if one_by_one {
		let q = questions[0].to_runtime();
		let payload = apis.check_access(q.accessor, q.patient, q.scope, q.action, q.purpose);
		let args = at.runtime_apis().encode_args(&payload)?;
		(
			at.runtime_apis().encode_name(&payload),
			args,
			vec![chain.runtime_api(payload, false).await?],
		)
	} else {
		let queries: Vec<AccessQuery<AccountId32>> = questions
			.iter()
			.map(|q| AccessQuery { question: q.to_runtime(), openings: vec![] })
			.collect();
		let payload = apis.check_access_batch(queries);
		let args = at.runtime_apis().encode_args(&payload)?;
		let name = at.runtime_apis().encode_name(&payload);
		match chain.runtime_api(payload, false).await? {
			Ok(decisions) => (name, args, decisions),
			Err(error) => bail!("the batch was refused: {error:?}"),
		}
	};
	ensure!(decisions.len() == batch, "{} decisions for {batch} questions", decisions.len());
	ensure!(
		decisions.iter().all(|d| matches!(d.decision, Decision::Deny)),
		"the worst case is denied: {decisions:?}"
	);
	Ok((name, format!("0x{}", hex::encode(args))))
}

/// How the custodians ask.
struct Load {
	custodians: usize,
	batch: usize,
	one_by_one: bool,
	patients: usize,
	seconds: u64,
	rate: Option<u64>,
}

async fn access(url: &str, load: Load) -> Result<()> {
	let Load { custodians, batch, one_by_one, patients, seconds, rate } = load;
	ensure!(custodians > 0 && batch > 0 && patients > 0, "nothing to ask");
	// Each custodian's pace: one call every `interval`, or as fast as it is answered.
	let interval = match rate {
		Some(0) => bail!("--rate 0: nothing to ask"),
		Some(rate) => Some(Duration::from_secs_f64((custodians * batch) as f64 / rate as f64)),
		None => None,
	};
	let accounts: Vec<AccountId32> =
		(0..patients).map(|i| account(&patient_suri(i))).collect::<Result<_>>()?;
	let chain = Chain::connect(url).await?;
	let at: String = chain.request("chain_getFinalizedHead", rpc_params![]).await?;
	let mut connections = Vec::with_capacity(custodians);
	for _ in 0..custodians {
		connections.push(Chain::connect(url).await?);
	}
	eprintln!(
		"{custodians} custodians, {batch} question(s) per call through {}, {patients} patient(s), \
		 {seconds} s, {}, at {at}",
		if one_by_one { "check_access" } else { "check_access_batch" },
		match rate {
			Some(rate) => format!("{rate} decisions/s in all"),
			None => "as fast as answered".into(),
		}
	);
	let mut requests = Vec::with_capacity(custodians);
	for (custodian, connection) in connections.iter().enumerate() {
		requests.push(request(connection, batch, one_by_one, &accounts, custodian * batch).await?);
	}
	let start = Instant::now();
	let deadline = start + Duration::from_secs(seconds);
	let tasks: Vec<_> = connections
		.into_iter()
		.zip(requests)
		.enumerate()
		.map(|(custodian, (chain, (method, args)))| {
			let at = at.clone();
			tokio::spawn(async move {
				let mut latencies = Vec::new();
				// Paced custodians start spread over one interval, not all at once.
				let mut next = match interval {
					Some(every) => start + every.mul_f64(custodian as f64 / custodians as f64),
					None => start,
				};
				while Instant::now() < deadline {
					if let Some(every) = interval {
						tokio::time::sleep_until(tokio::time::Instant::from_std(next)).await;
						next += every;
					}
					let asked = Instant::now();
					let answer: String =
						chain.request("state_call", rpc_params![&method, &args, &at]).await?;
					latencies.push(asked.elapsed());
					ensure!(answer.len() > 2, "an empty answer");
				}
				anyhow::Ok(latencies)
			})
		})
		.collect();
	let mut latencies = Vec::new();
	for task in tasks {
		latencies.extend(task.await??);
	}
	let elapsed = start.elapsed();
	latencies.sort();
	let calls = latencies.len();
	ensure!(calls > 0, "no call was answered");
	let percentile = |p: usize| latencies[(calls * p / 100).min(calls - 1)].as_secs_f64() * 1e3;
	let decisions = calls * batch;
	let per_second = decisions as f64 / elapsed.as_secs_f64();
	let summary = serde_json::json!({
		"custodians": custodians,
		"batch": batch,
		"api": if one_by_one { "check_access" } else { "check_access_batch" },
		"patients": patients,
		"rate": rate,
		"seconds": elapsed.as_secs_f64(),
		"calls": calls,
		"decisions": decisions,
		"decisions_per_second": per_second.round(),
		"call_ms": { "p50": percentile(50), "p95": percentile(95), "p99": percentile(99) },
	});
	println!("{summary}");
	eprintln!(
		"{per_second:.0} decisions/s ({calls} calls of {batch} in {:.1} s); a call: p50 {:.2} ms, \
		 p95 {:.2} ms, p99 {:.2} ms",
		elapsed.as_secs_f64(),
		percentile(50),
		percentile(95),
		percentile(99)
	);
	Ok(())
}
