//! Authorising and removing nodes: the consortium alone, for an organisation the owner acts
//! for, within the bound; a node written as its peer id.

use super::*;

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
			Error::<Test>::Standing(NotAnAgent)
		);
		assert_noop!(
			authorise(HOSPITAL_NODE, HOSPITAL_OPERATOR, INSURER_ORG),
			Error::<Test>::Standing(NotAnAgent)
		);
		// A suspended organisation.
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), INSURER_ORG));
		assert_noop!(
			authorise(INSURER_NODE, INSURER, INSURER_ORG),
			Error::<Test>::Standing(OrganisationSuspended)
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
