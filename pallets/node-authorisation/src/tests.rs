//! The node authorisation's rules, and the attacks on them: only the consortium authorises and
//! removes nodes; a node is an organisation's, run by an account that acts for it; it stops
//! peering as soon as that organisation's standing or its owner's agency ends (every node asks
//! `allowed_peers` of its best block); only a node's owner adds connections to it, for a deposit,
//! and of the authorised nodes they peer with that node alone.

use crate::{mock::*, Error, Event, LeftOut, NodeId, NodeIdError, Nodes};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold, BoundedVec};

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::NodeAuthorisation(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn authorise(node: NodeId, owner: u64, org: u32) -> sp_runtime::DispatchResult {
	NodeAuthorisation::authorise_node(RuntimeOrigin::root(), node, owner, org)
}

fn list(nodes: &[NodeId]) -> BoundedVec<NodeId, frame_support::traits::ConstU32<MAX_CONNECTIONS>> {
	nodes.to_vec().try_into().unwrap()
}

fn add_connections(who: u64, node: NodeId, peers: &[NodeId]) -> sp_runtime::DispatchResult {
	NodeAuthorisation::add_connections(RuntimeOrigin::signed(who), node, list(peers))
}

fn remove_connections(who: u64, node: NodeId, peers: &[NodeId]) -> sp_runtime::DispatchResult {
	NodeAuthorisation::remove_connections(RuntimeOrigin::signed(who), node, list(peers))
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&crate::HoldReason::ConnectionDeposit.into(), &who)
}

fn peers(node: NodeId) -> Option<Vec<NodeId>> {
	NodeAuthorisation::allowed_peers(&node)
}

/// The hospital's node (run by its operator) and the insurer's (run by its admin) authorised.
fn authorise_both() {
	assert_ok!(authorise(HOSPITAL_NODE, HOSPITAL_OPERATOR, HOSPITAL_ORG));
	assert_ok!(authorise(INSURER_NODE, INSURER, INSURER_ORG));
}

#[test]
fn only_the_consortium_authorises_and_removes_nodes() {
	ExtBuilder::default().build_and_execute(|| {
		for who in [HOSPITAL, HOSPITAL_OPERATOR, FOUNDER, STRANGER] {
			assert_noop!(
				NodeAuthorisation::authorise_node(
					RuntimeOrigin::signed(who),
					HOSPITAL_NODE,
					HOSPITAL_OPERATOR,
					HOSPITAL_ORG
				),
				Error::<Test>::NotConsortium
			);
			assert_noop!(
				NodeAuthorisation::remove_node(RuntimeOrigin::signed(who), FOUNDER_NODE),
				Error::<Test>::NotConsortium
			);
		}
		assert_noop!(
			NodeAuthorisation::authorise_node(
				RuntimeOrigin::none(),
				HOSPITAL_NODE,
				HOSPITAL_OPERATOR,
				HOSPITAL_ORG
			),
			Error::<Test>::NotConsortium
		);
	});
}

#[test]
fn a_node_is_authorised_for_an_organisation_its_owner_acts_for() {
	ExtBuilder::default().build_and_execute(|| {
		// Nobody's agent; an agent of the hospital named for the insurer.
		assert_noop!(
			authorise(HOSPITAL_NODE, STRANGER, HOSPITAL_ORG),
			Error::<Test>::NotAnAgentOfOrganisation
		);
		assert_noop!(
			authorise(HOSPITAL_NODE, HOSPITAL_OPERATOR, INSURER_ORG),
			Error::<Test>::NotAnAgentOfOrganisation
		);
		// A suspended organisation.
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), INSURER_ORG));
		assert_noop!(
			authorise(INSURER_NODE, INSURER, INSURER_ORG),
			Error::<Test>::OrganisationNotInGoodStanding
		);

		assert_ok!(authorise(HOSPITAL_NODE, HOSPITAL_OPERATOR, HOSPITAL_ORG));
		assert_eq!(
			events(),
			vec![Event::NodeAuthorised {
				node: HOSPITAL_NODE,
				owner: HOSPITAL_OPERATOR,
				organisation: HOSPITAL_ORG
			}]
		);
		let info = Nodes::<Test>::get(HOSPITAL_NODE).unwrap();
		assert_eq!((info.owner, info.organisation), (HOSPITAL_OPERATOR, Some(HOSPITAL_ORG)));
		// Twice, or the genesis node again (with another owner): refused.
		assert_noop!(
			authorise(HOSPITAL_NODE, HOSPITAL, HOSPITAL_ORG),
			Error::<Test>::AlreadyAuthorised
		);
		assert_noop!(
			authorise(FOUNDER_NODE, HOSPITAL, HOSPITAL_ORG),
			Error::<Test>::AlreadyAuthorised
		);
	});
}

#[test]
fn the_network_has_at_most_max_nodes() {
	ExtBuilder::default().build_and_execute(|| {
		// The genesis node is one.
		for seed in 100..100 + MAX_NODES as u8 - 1 {
			assert_ok!(authorise(node(seed), HOSPITAL_OPERATOR, HOSPITAL_ORG));
		}
		assert_eq!(Nodes::<Test>::count(), MAX_NODES);
		assert_noop!(
			authorise(HOSPITAL_NODE, HOSPITAL_OPERATOR, HOSPITAL_ORG),
			Error::<Test>::TooManyNodes
		);
		// Removing one makes room.
		assert_ok!(NodeAuthorisation::remove_node(RuntimeOrigin::root(), node(100)));
		assert_ok!(authorise(HOSPITAL_NODE, HOSPITAL_OPERATOR, HOSPITAL_ORG));
	});
}

#[test]
fn every_authorised_node_peers_with_every_other_and_no_stranger() {
	ExtBuilder::default().bare().build_and_execute(|| {
		// No node authorised: the network is open.
		assert_eq!(peers(ROGUE_NODE), None);
	});
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(peers(FOUNDER_NODE), Some(vec![]), "alone in genesis");
		authorise_both();
		// In the nodes' order (the peers are a set).
		assert_eq!(peers(FOUNDER_NODE), Some(vec![HOSPITAL_NODE, INSURER_NODE]));
		assert_eq!(peers(HOSPITAL_NODE), Some(vec![FOUNDER_NODE, INSURER_NODE]));
		// A node the chain does not authorise gets no peer from it, and none accepts it.
		assert_eq!(peers(ROGUE_NODE), Some(vec![]));
		for n in [FOUNDER_NODE, HOSPITAL_NODE, INSURER_NODE] {
			assert!(!peers(n).unwrap().contains(&ROGUE_NODE));
		}

		// Removed: the others drop it at once.
		assert_ok!(NodeAuthorisation::remove_node(RuntimeOrigin::root(), INSURER_NODE));
		assert_eq!(peers(HOSPITAL_NODE), Some(vec![FOUNDER_NODE]));
		assert_eq!(peers(INSURER_NODE), Some(vec![]));
		assert!(!peers(FOUNDER_NODE).unwrap().contains(&INSURER_NODE));
		assert_eq!(
			events().last(),
			Some(&Event::NodeRemoved { node: INSURER_NODE, owner: INSURER })
		);
		assert_noop!(
			NodeAuthorisation::remove_node(RuntimeOrigin::root(), INSURER_NODE),
			Error::<Test>::NotAuthorised
		);
	});
}

#[test]
fn a_node_stops_peering_when_its_organisation_or_its_owners_agency_ends() {
	ExtBuilder::default().build_and_execute(|| {
		authorise_both();
		let info = |n| Nodes::<Test>::get(n).unwrap();

		// The hospital suspended: nobody peers with its node (it keeps trying the others, so
		// that it is back as soon as it may be); back when reinstated. No transaction of this
		// pallet in between.
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_eq!(
			NodeAuthorisation::left_out(&info(HOSPITAL_NODE)),
			Some(LeftOut::OrganisationNotInGoodStanding)
		);
		assert_eq!(peers(HOSPITAL_NODE), Some(vec![FOUNDER_NODE, INSURER_NODE]));
		assert_eq!(peers(FOUNDER_NODE), Some(vec![INSURER_NODE]));
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert!(peers(FOUNDER_NODE).unwrap().contains(&HOSPITAL_NODE));

		// Its operator leaves the hospital: the node is out.
		assert_ok!(Registry::leave_organisation(
			RuntimeOrigin::signed(HOSPITAL_OPERATOR),
			HOSPITAL_ORG
		));
		assert_eq!(
			NodeAuthorisation::left_out(&info(HOSPITAL_NODE)),
			Some(LeftOut::OwnerNoLongerAnAgent)
		);
		assert!(!peers(INSURER_NODE).unwrap().contains(&HOSPITAL_NODE));

		// The insurer's accreditation runs out: out with no transaction at all.
		Now::set(START + 401 * DAY);
		assert_eq!(
			NodeAuthorisation::left_out(&info(INSURER_NODE)),
			Some(LeftOut::OrganisationNotInGoodStanding)
		);
		assert_eq!(peers(FOUNDER_NODE), Some(vec![]));
		// A founding member's node has no organisation: it stays until removed.
		assert_eq!(NodeAuthorisation::left_out(&info(FOUNDER_NODE)), None);
	});
}

/// Item 14 of the second review: a founding node named with its organisation in genesis (as a
/// members file names it) lapses with that organisation's standing and its owner's agency,
/// like any node the consortium authorised later.
#[test]
fn a_founding_node_with_an_organisation_stops_peering_when_it_ends() {
	ExtBuilder::default().founder_runs_for_the_insurer().build_and_execute(|| {
		assert_ok!(authorise(HOSPITAL_NODE, HOSPITAL_OPERATOR, HOSPITAL_ORG));
		let info = |n| Nodes::<Test>::get(n).unwrap();
		assert_eq!(info(FOUNDER_NODE).organisation, Some(INSURER_ORG));
		assert_eq!(NodeAuthorisation::left_out(&info(FOUNDER_NODE)), None);
		assert_eq!(peers(HOSPITAL_NODE), Some(vec![FOUNDER_NODE]));

		// The insurer suspended: its founding node is out, with no transaction of this pallet.
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), INSURER_ORG));
		assert_eq!(
			NodeAuthorisation::left_out(&info(FOUNDER_NODE)),
			Some(LeftOut::OrganisationNotInGoodStanding)
		);
		assert_eq!(peers(HOSPITAL_NODE), Some(vec![]));
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), INSURER_ORG));
		assert_eq!(peers(HOSPITAL_NODE), Some(vec![FOUNDER_NODE]));

		// Its owner leaves the insurer: out again.
		assert_ok!(Registry::leave_organisation(RuntimeOrigin::signed(FOUNDER), INSURER_ORG));
		assert_eq!(
			NodeAuthorisation::left_out(&info(FOUNDER_NODE)),
			Some(LeftOut::OwnerNoLongerAnAgent)
		);
		assert_eq!(peers(HOSPITAL_NODE), Some(vec![]));
	});
}

#[test]
fn only_the_owner_adds_connections_for_a_deposit_and_they_peer_with_its_node_alone() {
	ExtBuilder::default().build_and_execute(|| {
		authorise_both();
		// Not its owner: the hospital's admin, another organisation's admin, a stranger.
		for who in [HOSPITAL, INSURER, STRANGER] {
			assert_noop!(
				add_connections(who, HOSPITAL_NODE, &[ARCHIVE_NODE]),
				Error::<Test>::NotOwner
			);
		}
		// A node nobody authorised cannot be given connections.
		assert_noop!(
			add_connections(STRANGER, ROGUE_NODE, &[ARCHIVE_NODE]),
			Error::<Test>::NotAuthorised
		);
		assert_noop!(
			add_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[HOSPITAL_NODE]),
			Error::<Test>::ConnectionToItself
		);
		assert_noop!(
			add_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[ARCHIVE_NODE, ARCHIVE_NODE]),
			Error::<Test>::DuplicateConnection
		);
		// An authorised node peers by its own authorisation, never as a connection (which
		// would keep it peering with this node when it is left out or removed).
		assert_noop!(
			add_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[INSURER_NODE]),
			Error::<Test>::ConnectionIsAuthorised
		);

		assert_ok!(add_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[ARCHIVE_NODE]));
		assert_eq!(held(HOSPITAL_OPERATOR), CONNECTION_DEPOSIT);
		assert_eq!(
			events().last(),
			Some(&Event::ConnectionsAdded {
				node: HOSPITAL_NODE,
				owner: HOSPITAL_OPERATOR,
				connections: vec![ARCHIVE_NODE]
			})
		);
		// The hospital's node accepts the archive node, and no other does. The chain gives the
		// archive node itself no peer (its operator names its host: naming it as a connection
		// does not make it dial anyone).
		assert!(peers(HOSPITAL_NODE).unwrap().contains(&ARCHIVE_NODE));
		assert!(!peers(FOUNDER_NODE).unwrap().contains(&ARCHIVE_NODE));
		assert!(!peers(INSURER_NODE).unwrap().contains(&ARCHIVE_NODE));
		assert_eq!(peers(ARCHIVE_NODE), Some(vec![]));
		assert_noop!(
			add_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[]),
			Error::<Test>::NoConnections
		);

		assert_noop!(
			add_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[ARCHIVE_NODE]),
			Error::<Test>::AlreadyConnected
		);
		// Bounded: two more fit, a third does not.
		assert_noop!(
			add_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[node(50), node(51), node(52)]),
			Error::<Test>::TooManyConnections
		);
		assert_ok!(add_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[node(50), node(51)]));
		assert_eq!(held(HOSPITAL_OPERATOR), 3 * CONNECTION_DEPOSIT);

		// Only the owner removes them, and only those it added; the deposit comes back.
		assert_noop!(
			remove_connections(HOSPITAL, HOSPITAL_NODE, &[node(50)]),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			remove_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[node(50), node(52)]),
			Error::<Test>::NotConnected
		);
		assert_ok!(remove_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[node(50)]));
		assert_eq!(held(HOSPITAL_OPERATOR), 2 * CONNECTION_DEPOSIT);
		assert!(!peers(HOSPITAL_NODE).unwrap().contains(&node(50)));
		assert_eq!(
			events().last(),
			Some(&Event::ConnectionsRemoved {
				node: HOSPITAL_NODE,
				owner: HOSPITAL_OPERATOR,
				connections: vec![node(50)]
			})
		);

		// The consortium removes the node: the rest of the deposit comes back.
		assert_ok!(NodeAuthorisation::remove_node(RuntimeOrigin::root(), HOSPITAL_NODE));
		assert_eq!(held(HOSPITAL_OPERATOR), 0);
	});
}

#[test]
fn an_owner_who_no_longer_acts_for_its_organisation_cannot_add_connections_but_can_remove_them() {
	ExtBuilder::default().build_and_execute(|| {
		authorise_both();
		assert_ok!(add_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[ARCHIVE_NODE]));
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_noop!(
			add_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[node(50)]),
			Error::<Test>::OrganisationNotInGoodStanding
		);
		// Its connections count for nothing while it is out.
		assert!(!peers(HOSPITAL_NODE).unwrap().contains(&ARCHIVE_NODE));
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), HOSPITAL_ORG));
		assert_ok!(Registry::leave_organisation(
			RuntimeOrigin::signed(HOSPITAL_OPERATOR),
			HOSPITAL_ORG
		));
		assert_noop!(
			add_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[node(50)]),
			Error::<Test>::OwnerNoLongerAnAgent
		);
		assert_ok!(remove_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[ARCHIVE_NODE]));
		assert_eq!(held(HOSPITAL_OPERATOR), 0);
	});
}

#[test]
fn connections_need_the_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		authorise_both();
		// The insurer's admin spends all but less than a deposit.
		let free = Balances::free_balance(INSURER);
		assert_ok!(Balances::transfer_allow_death(
			RuntimeOrigin::signed(INSURER),
			STRANGER,
			free - CONNECTION_DEPOSIT + 1
		));
		assert!(add_connections(INSURER, INSURER_NODE, &[ARCHIVE_NODE]).is_err());
		assert!(Nodes::<Test>::get(INSURER_NODE).unwrap().connections.is_empty());
	});
}

#[test]
fn a_connection_that_becomes_authorised_is_nobodys_connection_any_more() {
	ExtBuilder::default().build_and_execute(|| {
		authorise_both();
		assert_ok!(add_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[ARCHIVE_NODE, node(50)]));
		// The council authorises the archive node as the insurer's: it is taken out of the
		// hospital's connections (that share of the deposit released).
		assert_ok!(authorise(ARCHIVE_NODE, INSURER, INSURER_ORG));
		let hospital = Nodes::<Test>::get(HOSPITAL_NODE).unwrap();
		assert_eq!(hospital.connections.into_iter().collect::<Vec<_>>(), vec![node(50)]);
		assert_eq!(held(HOSPITAL_OPERATOR), CONNECTION_DEPOSIT);
		// So when the insurer is suspended, or the council removes the node, the hospital's
		// node does not keep peering with it.
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), INSURER_ORG));
		assert!(!peers(HOSPITAL_NODE).unwrap().contains(&ARCHIVE_NODE));
		assert_ok!(NodeAuthorisation::remove_node(RuntimeOrigin::root(), ARCHIVE_NODE));
		assert!(!peers(HOSPITAL_NODE).unwrap().contains(&ARCHIVE_NODE));
		assert!(!peers(FOUNDER_NODE).unwrap().contains(&ARCHIVE_NODE));
	});
}

#[test]
fn a_validators_node_stays_until_the_validator_set_drops_the_validator() {
	ExtBuilder::default().build_and_execute(|| {
		authorise_both();
		// The insurer's node is owned by a validator of this session: the insurer suspended,
		// its node still peers (a GRANDPA voter is not cut off mid-session)...
		Validators::set(vec![INSURER]);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), INSURER_ORG));
		let insurer = Nodes::<Test>::get(INSURER_NODE).unwrap();
		assert_eq!(NodeAuthorisation::left_out(&insurer), None);
		assert!(peers(FOUNDER_NODE).unwrap().contains(&INSURER_NODE));
		// ... until the validator set has dropped it (at a session change).
		Validators::set(vec![]);
		assert_eq!(
			NodeAuthorisation::left_out(&insurer),
			Some(LeftOut::OrganisationNotInGoodStanding)
		);
		assert!(!peers(FOUNDER_NODE).unwrap().contains(&INSURER_NODE));
	});
}

#[test]
fn a_deposit_is_released_by_the_share_of_its_connections() {
	ExtBuilder::default().build_and_execute(|| {
		authorise_both();
		assert_ok!(add_connections(
			HOSPITAL_OPERATOR,
			HOSPITAL_NODE,
			&[node(50), node(51), node(52)]
		));
		assert_eq!(held(HOSPITAL_OPERATOR), 3 * CONNECTION_DEPOSIT);
		assert_ok!(remove_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[node(50)]));
		assert_eq!(held(HOSPITAL_OPERATOR), 2 * CONNECTION_DEPOSIT);
		assert_ok!(remove_connections(HOSPITAL_OPERATOR, HOSPITAL_NODE, &[node(51), node(52)]));
		assert_eq!(held(HOSPITAL_OPERATOR), 0);
		assert_eq!(Nodes::<Test>::get(HOSPITAL_NODE).unwrap().deposit, 0);
	});
}

#[test]
fn a_node_is_written_as_its_peer_id() {
	// The node key 0x…01's peer id, as `healthchain-node key inspect-node-key` prints it.
	let text = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
	let node: NodeId = text.parse().unwrap();
	assert_eq!(
		node.0.to_vec(),
		hex_decode("4cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29")
	);
	assert_eq!(node.to_string(), text);
	assert_eq!(serde_json::to_string(&node).unwrap(), format!("\"{text}\""));
	assert_eq!(serde_json::from_str::<NodeId>(&format!("\"{text}\"")).unwrap(), node);

	assert_eq!("0OIl".parse::<NodeId>(), Err(NodeIdError::NotBase58));
	// A secp256k1 peer id (`16Uiu2…`), and a truncated one.
	assert_eq!(
		"16Uiu2HAmLhLvBoYaoZfaMUKuibM6ac163GwKY74c5kiSLg5KvLpY".parse::<NodeId>(),
		Err(NodeIdError::NotAnEd25519PeerId)
	);
	assert_eq!(&text[..20].parse::<NodeId>(), &Err(NodeIdError::NotAnEd25519PeerId));
	let refused = serde_json::from_str::<NodeId>("\"12D3Koo\"").unwrap_err().to_string();
	assert!(refused.contains("not the peer id of a node"), "{refused}");
}

fn hex_decode(text: &str) -> Vec<u8> {
	(0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

#[test]
fn integrity_test_passes_for_the_mock() {
	use frame_support::traits::Hooks;
	sp_io::TestExternalities::default().execute_with(|| {
		<NodeAuthorisation as Hooks<u64>>::integrity_test();
	});
}
