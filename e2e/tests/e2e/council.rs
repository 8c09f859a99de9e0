//! The consortium council on the four-validator local testnet, where one vote is not enough:
//! a motion is proposed, refused while short of its threshold, voted on by the other members
//! and closed, and only then does its call execute.

use super::{as_signer, ok, registry::check, tokens::organisation};
use healthchain_e2e::Network;

#[test]
fn a_council_motion_needs_two_thirds_of_the_members() {
	let network = Network::start_local().expect("the local testnet's validators finalize");
	let [alice, bob, charlie, dave] = [0, 1, 2, 3].map(|i| &network.nodes[i]);

	// Eve (no seat) registers a hospital; Dave's node serves her: the network is one chain.
	let org = organisation(dave, "//Eve", "hospital", &[]);

	// Alice proposes the accreditation. A proposal is not a vote (pallet-collective counts
	// none for the proposer): three of the four members must vote for it.
	let proposed = ok(as_signer(
		alice,
		"//Alice",
		&["registry", "accredit", &org, "provider", "--valid-until", "+1d", "--via", "council"],
	));
	let motion =
		&proposed.event("Council", "Proposed").expect("a motion, not an execution")["fields"];
	assert_eq!(motion["threshold"], 3, "two thirds of four members: {motion}");
	let hash = motion["proposal_hash"].as_str().expect("hash").to_string();
	let index = motion["proposal_index"].to_string();
	assert!(proposed.event("Council", "Executed").is_none());
	assert_eq!(
		check(alice, "eve", "provider")["permitted"],
		false,
		"not accredited on a proposal alone"
	);

	// Alice and Bob vote for it, each through their own node: two of three.
	ok(as_signer(alice, "//Alice", &["council", "vote", &hash, &index]));
	let voted = ok(as_signer(bob, "//Bob", &["council", "vote", &hash, &index]));
	assert_eq!(voted.event("Council", "Voted").expect("voted")["fields"]["yes"], 2);

	// Closing short of the threshold (and before the motion's end) is refused.
	let early = as_signer(dave, "//Dave", &["council", "close", &hash, &index]);
	assert_eq!(early.error(), Some("council.TooEarly"), "{}", early.json);
	assert_eq!(check(dave, "eve", "provider")["permitted"], false);

	// Someone without a seat cannot vote.
	let outsider = as_signer(bob, "//Eve", &["council", "vote", &hash, &index]);
	assert_eq!(outsider.error(), Some("council.NotMember"), "{}", outsider.json);

	// Charlie's vote makes three; then anyone closes it, and the call executes.
	ok(as_signer(charlie, "//Charlie", &["council", "vote", &hash, &index]));
	let closed = ok(as_signer(dave, "//Dave", &["council", "close", &hash, &index]));
	assert!(closed.event("Council", "Closed").is_some(), "{}", closed.json);
	assert!(closed.event("Council", "Executed").is_some(), "{}", closed.json);
	assert!(closed.event("Registry", "AccreditationGranted").is_some(), "{}", closed.json);
	assert_eq!(
		check(charlie, "eve", "provider")["permitted"],
		true,
		"accredited once the motion executed"
	);
}
