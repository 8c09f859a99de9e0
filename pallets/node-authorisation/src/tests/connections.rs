//! Connections: added by the node's owner alone, for a deposit, while its node may peer; removed
//! whatever its standing; released by their share.

use super::*;

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
			Error::<Test>::Standing(OrganisationSuspended)
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
			Error::<Test>::Standing(NotAnAgent)
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
