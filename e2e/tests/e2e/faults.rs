//! Faults on the four-validator local testnet, with real nodes on loopback killed with SIGKILL
//! (no clean shutdown): GRANDPA finalizes with three of the four, stalls with two while blocks
//! are still authored, and resumes when a validator returns on its database; a returning
//! validator catches up. Meanwhile three wallets each submit a steady stream of signed
//! transactions: every one a wallet saw finalized is in the finalized chain of every node
//! afterwards, and none is included twice. And the recovery of `docs/operators.md` §5 on a network that has really
//! lost two validators for good: the council removes them and forces the GRANDPA change.

use super::{eventually, motion_through, ok, tokens::organisation};
use healthchain_e2e::{run_client, Network, Node};
use std::{
	collections::BTreeMap,
	sync::atomic::{AtomicBool, AtomicU64, Ordering},
	time::{Duration, Instant},
};

/// The highest finalized block number the nodes report (0 for a node that does not answer).
fn finalized(nodes: &[&Node]) -> u64 {
	nodes.iter().map(|node| node.finalized().unwrap_or(0)).max().unwrap_or(0)
}

/// Wait until the finalized block of every one of `nodes` is at least `number`; how long it took.
fn until_finalized(nodes: &[&Node], number: u64, timeout: Duration, what: &str) -> Duration {
	let began = Instant::now();
	assert!(
		eventually(timeout, || nodes.iter().all(|node| node.finalized().unwrap_or(0) >= number)),
		"{what}: not every node finalized #{number} in {timeout:?}: {:?}\n{}",
		nodes.iter().map(|node| node.finalized().ok()).collect::<Vec<_>>(),
		nodes[0].log_tail()
	);
	began.elapsed()
}

/// One transaction of the stream the client saw finalized: its block.
#[derive(Debug)]
struct Seen {
	block_number: u64,
	block_hash: String,
}

/// The profile hash of stream `tag`'s `i`-th transaction: distinctive, so that it is found
/// only in that transaction's bytes.
fn profile(tag: usize, i: u64) -> String {
	format!("f0f0{tag:02x}f0{i:056x}")
}

/// The signers of the streams: each the admin of an organisation whose profile it rewrites.
const SIGNERS: [&str; 3] = ["//Ferdie", "//Eve", "//Charlie"];

/// Stream `tag`: its signer, the admin of `organisation`, updates its profile hash through the
/// node at `url`, one transaction after another, the `i`-th to [`profile`]`(tag, i)`, each
/// waiting until it is finalized (counted in `progress`), until `stop`; what the client saw
/// finalized, by `i`, and how many it submitted.
fn stream(
	url: &str,
	tag: usize,
	organisation: &str,
	stop: &AtomicBool,
	progress: &AtomicU64,
) -> (BTreeMap<u64, Seen>, u64) {
	let mut seen = BTreeMap::new();
	let mut submitted = 0;
	while !stop.load(Ordering::SeqCst) {
		let i = submitted;
		submitted += 1;
		let hash = format!("0x{}", profile(tag, i));
		let args = ["--suri", SIGNERS[tag], "registry", "update-profile", organisation];
		let run = run_client(url, &[&args[..], &["--profile-hash", hash.as_str()]].concat())
			.expect("client runs");
		if !run.ok() {
			// Not seen finalized (e.g. refused while an earlier one was still in the pool);
			// checked below all the same: included at most once.
			eprintln!("stream {tag}: transaction {i} not seen finalized: {}", run.json);
			std::thread::sleep(Duration::from_secs(1));
			continue;
		}
		let outcome = &run.json["outcome"];
		assert_eq!(outcome["finalized"], true, "{}", run.json);
		assert!(run.event("Registry", "ProfileUpdated").is_some(), "{}", run.json);
		seen.insert(
			i,
			Seen {
				block_number: outcome["block_number"].as_u64().expect("a block number"),
				block_hash: outcome["block_hash"].as_str().expect("a block hash").to_string(),
			},
		);
		progress.fetch_add(1, Ordering::SeqCst);
	}
	(seen, submitted)
}

/// Sets `stop` when dropped: the stream ends also when an assertion fails (a scoped thread
/// that never ends would hang the test instead of failing it).
struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
	fn drop(&mut self) {
		self.0.store(true, Ordering::SeqCst);
	}
}

#[test]
fn finality_survives_a_lost_validator_stalls_without_two_and_resumes_when_they_return() {
	let mut network = Network::start_local().expect("the local testnet's validators finalize");
	// The streams' organisations, registered side by side.
	let organisations: Vec<String> = std::thread::scope(|scope| {
		let threads: Vec<_> = SIGNERS
			.iter()
			.enumerate()
			.map(|(tag, suri)| {
				let node = &network.nodes[tag];
				scope.spawn(move || organisation(node, suri, "hospital", &[]))
			})
			.collect();
		threads.into_iter().map(|thread| thread.join().expect("registered")).collect()
	});
	let first = network.nodes[0].best().expect("best");
	let [alice, bob, charlie, dave] = &mut network.nodes[..] else { panic!("four validators") };
	let stop = AtomicBool::new(false);
	let progress = AtomicU64::new(0);
	let dave_url = dave.url();
	let report = std::thread::scope(|scope| {
		// Three wallets submit through Dave's node, which stays up.
		let streams: Vec<_> = organisations
			.iter()
			.enumerate()
			.map(|(tag, organisation)| {
				let (url, stop, progress) = (&dave_url, &stop, &progress);
				scope.spawn(move || stream(url, tag, organisation, stop, progress))
			})
			.collect();
		let _stop = StopOnDrop(&stop);
		let (alice, dave) = (&*alice, &*dave);
		let finalized_more = |count: u64, what: &str| {
			let target = progress.load(Ordering::SeqCst) + count;
			assert!(
				eventually(Duration::from_secs(120), || progress.load(Ordering::SeqCst) >= target),
				"{what}: the streams did not get {count} more transactions finalized"
			);
		};

		// Four of four: the streams' transactions are finalized.
		finalized_more(3, "four validators");

		// Charlie's node is killed: three of four still finalize, the streams go on.
		charlie.kill().expect("killed");
		let charlie_left = alice.best().expect("best");
		let at = finalized(&[alice, dave]);
		until_finalized(&[alice, dave], at + 3, Duration::from_secs(90), "without Charlie");
		finalized_more(3, "without Charlie");

		// Bob's too: two of four cannot finalize, but the two still author in their slots
		// (and include the streams' transactions, which wait for finality).
		bob.kill().expect("killed");
		// (A round already under way may still complete.)
		std::thread::sleep(Duration::from_secs(12));
		let stalled = finalized(&[alice, dave]);
		let best = alice.best().expect("best");
		std::thread::sleep(Duration::from_secs(40));
		assert_eq!(finalized(&[alice, dave]), stalled, "finality stalls with two of four");
		assert!(
			alice.best().expect("best") >= best + 2,
			"blocks are still authored while finality stalls: #{best} then #{:?}",
			alice.best()
		);

		// Bob's node restarts on its database: three of four again, finality resumes.
		let began = Instant::now();
		bob.start_again().expect("Bob's node starts");
		until_finalized(
			&[alice, dave],
			stalled + 1,
			Duration::from_secs(180),
			"Bob's node restarted",
		);
		let resumed = began.elapsed();
		let bob = &*bob;
		until_finalized(&[bob], stalled + 1, Duration::from_secs(60), "Bob's node itself");
		finalized_more(3, "Bob's node back");

		// Charlie's restarts, twenty blocks or more behind: it catches up with the network's
		// best block.
		assert!(eventually(Duration::from_secs(180), || {
			alice.best().unwrap_or(0) >= charlie_left + 20
		}));
		let began = Instant::now();
		let target = alice.best().expect("best");
		charlie.start_again().expect("Charlie's node starts");
		charlie.wait_until_serving(Duration::from_secs(120)).expect("serves RPC");
		assert!(
			eventually(Duration::from_secs(180), || charlie.best().unwrap_or(0) >= target),
			"Charlie's node catches up to #{target}: #{:?}\n{}",
			charlie.best(),
			charlie.log_tail()
		);
		let caught_up = began.elapsed();
		let charlie = &*charlie;
		let all = [alice, bob, charlie, dave];
		let now = finalized(&all);
		until_finalized(&all, now + 2, Duration::from_secs(90), "all four again");
		finalized_more(3, "all four again");

		stop.store(true, Ordering::SeqCst);
		let streams: Vec<(BTreeMap<u64, Seen>, u64)> =
			streams.into_iter().map(|thread| thread.join().expect("the stream")).collect();
		// Every node has finalized the last of them.
		let last = streams
			.iter()
			.flat_map(|(seen, _)| seen.values().map(|tx| tx.block_number))
			.max()
			.unwrap_or(0);
		until_finalized(&all, last, Duration::from_secs(60), "the streams' last block");
		(streams, stalled, resumed, caught_up, charlie_left, target)
	});
	let (streams, stalled, resumed, caught_up, charlie_left, behind) = report;
	let seen: usize = streams.iter().map(|(seen, _)| seen.len()).sum();
	let submitted: u64 = streams.iter().map(|(_, submitted)| submitted).sum();
	println!(
		"finality stalled at #{stalled}; resumed {resumed:?} after Bob's node was restarted; \
		 Charlie's node caught up from #{charlie_left} to #{behind} {caught_up:?} after its \
		 restart; {seen} of \
		 {submitted} transactions seen finalized"
	);

	// Every transaction the client saw finalized is in every node's finalized chain, in the
	// block it saw.
	for node in &network.nodes {
		let finalized = node.finalized().expect("finalized");
		for (tag, (seen, _)) in streams.iter().enumerate() {
			for (i, tx) in seen {
				assert!(
					tx.block_number <= finalized,
					"{tag}/{i}: #{} not final on {}",
					tx.block_number,
					node.url()
				);
				assert_eq!(
					node.block_hash(tx.block_number).expect("block hash").as_deref(),
					Some(tx.block_hash.as_str()),
					"transaction {tag}/{i}'s block on {}",
					node.url()
				);
			}
		}
	}
	// None is included twice: each transaction's bytes (its distinctive profile hash) are in
	// exactly one block of the finalized chain if the client saw it finalized, and in at most
	// one otherwise.
	let alice = &network.nodes[0];
	let end = alice.finalized().expect("finalized");
	let mut included: BTreeMap<(usize, u64), Vec<u64>> = BTreeMap::new();
	for number in first..=end {
		let hash = alice.block_hash(number).expect("hash").expect("a finalized block");
		let block = alice.rpc("chain_getBlock", serde_json::json!([hash])).expect("block");
		let extrinsics = block["block"]["extrinsics"].as_array().expect("extrinsics").clone();
		for extrinsic in extrinsics.iter().filter_map(|e| e.as_str()) {
			for (tag, (_, submitted)) in streams.iter().enumerate() {
				for i in 0..*submitted {
					if extrinsic.contains(&profile(tag, i)) {
						included.entry((tag, i)).or_default().push(number);
					}
				}
			}
		}
	}
	for (tx, blocks) in &included {
		assert_eq!(blocks.len(), 1, "transaction {tx:?} is in blocks {blocks:?}");
	}
	for (tag, (seen, _)) in streams.iter().enumerate() {
		for (i, tx) in seen {
			assert_eq!(included.get(&(tag, *i)), Some(&vec![tx.block_number]), "{tag}/{i}");
		}
		// And each organisation holds the last profile written to it.
		let last = included.keys().filter(|(t, _)| *t == tag).map(|(_, i)| *i).max();
		let shown = alice.client(&["registry", "show", &organisations[tag]]).expect("client runs");
		let expected = last.map(|i| format!("0x{}", profile(tag, i)));
		assert_eq!(shown.json["profile_hash"].as_str(), expected.as_deref(), "{}", shown.json);
	}
}

#[test]
fn the_council_recovers_finality_after_losing_two_validators_for_good() {
	let mut network = Network::start_local().expect("the local testnet's validators finalize");
	let start = network.nodes[0].finalized().expect("finalized");
	until_finalized(
		&[&network.nodes[0], &network.nodes[3]],
		start + 2,
		Duration::from_secs(60),
		"four validators",
	);

	// Bob's and Charlie's nodes are gone for good.
	network.nodes[1].kill().expect("killed");
	network.nodes[2].kill().expect("killed");
	let (alice, dave) = (&network.nodes[0], &network.nodes[3]);

	// §5: the lowest finalized block of the remaining validators, N (a round under way may
	// still finalize a block later: N is not above what either has finalized); the council (its
	// members' accounts, through the nodes that remain) removes the dead and forces the change
	// from N.
	let lowest = alice.finalized().expect("finalized").min(dave.finalized().expect("finalized"));
	let began = Instant::now();
	let recovered = motion_through(
		[alice, dave, alice, dave],
		&[
			"validator",
			"recover-finality",
			"--remove",
			"bob,charlie",
			"--best-finalized",
			&lowest.to_string(),
			"--delay",
			"0",
		],
		"in-block",
	);
	// Finality has stalled: three blocks after the close, the block holding it is not final
	// (a network that finalizes is two blocks behind its best).
	let closed_at = recovered.json["outcome"]["block_number"].as_u64().expect("a block");
	assert!(eventually(Duration::from_secs(90), || alice.best().unwrap_or(0) >= closed_at + 3));
	let stalled = finalized(&[alice, dave]);
	assert!(
		stalled < closed_at,
		"finality stalls: the close at #{closed_at}, finalized #{stalled}"
	);
	assert!(recovered.event("Council", "Executed").is_some(), "{}", recovered.json);

	// At the second session change the set without them takes effect, GRANDPA is forced to it,
	// and finality resumes with Alice and Dave alone.
	// (With two authors, a block every 12 s: the second session change is 11 to 20 blocks
	// after the close.)
	let session_of_two = || {
		let list = ok(alice.client(&["validator", "list"]).expect("client runs")).json;
		list["session_validators"].as_array().map(Vec::len) == Some(2)
	};
	assert!(eventually(Duration::from_secs(360), session_of_two), "the set without the dead");
	let changed = alice.best().expect("best");
	let resumed = until_finalized(
		&[alice, dave],
		changed.max(stalled + 3),
		Duration::from_secs(120),
		"after recovery",
	);
	println!(
		"finality stalled at #{stalled}; the set of two took effect at #{changed}, {:?} after \
		 the motion was proposed; finality passed it {resumed:?} later",
		began.elapsed() - resumed
	);
}
