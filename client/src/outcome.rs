//! What the client reports of a node and of a transaction it submitted.

use crate::chain::Config;
use anyhow::{anyhow, Context, Result};
use serde::Serialize;
use serde_json::Value as Json;
use subxt::{
	events::{DecodeAsEvent, Event},
	ext::{scale_decode, scale_value::scale::decode_as_fields},
	extrinsics::ExtrinsicEvents,
	metadata::Metadata,
};

/// How long to follow a submitted transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Wait {
	/// Return once the transaction pool accepted it.
	None,
	/// Return once it is in a best block (may still be reverted).
	InBlock,
	/// Return once it is in a finalized block (the default).
	Finalized,
}

/// The chain, best and finalized block of a node.
#[derive(Debug, Serialize)]
pub struct Status {
	/// The chain's name.
	pub chain: String,
	/// The runtime's `spec_name` and `spec_version`.
	pub runtime: String,
	/// The best block number.
	pub best: u64,
	/// The finalized block number.
	pub finalized: u64,
	/// The finalized block's hash.
	pub finalized_hash: String,
}

/// One event emitted by a transaction.
#[derive(Debug, Clone, Serialize)]
pub struct EventRecord {
	/// The pallet that emitted it.
	pub pallet: String,
	/// The event's name.
	pub name: String,
	/// Its fields.
	pub fields: Json,
}

/// What a successful transaction did.
#[derive(Debug, Serialize)]
pub struct Outcome {
	/// The call, as `Pallet.call` (the outer one of a wrapped call).
	#[serde(skip)]
	pub call: String,
	/// The transaction's hash.
	pub extrinsic_hash: String,
	/// The block it is in (absent with `--wait none`).
	pub block_hash: Option<String>,
	/// That block's number.
	pub block_number: Option<u64>,
	/// Whether that block is final.
	pub finalized: bool,
	/// The events it emitted, rendered for printing.
	pub events: Vec<EventRecord>,
	/// The same events as the node sent them, decoded by type ([`Outcome::find`]).
	#[serde(skip)]
	pub(crate) typed: Option<ExtrinsicEvents<Config>>,
}

impl Outcome {
	/// The first event of type `E` (a generated event type, e.g.
	/// `api::consent::events::AccessRecorded`) the transaction emitted, decoded as it; `None`
	/// if it emitted none (or was not followed into a block: `Wait::None`).
	pub fn find<E: DecodeAsEvent>(&self) -> Result<Option<E>> {
		let Some(events) = &self.typed else { return Ok(None) };
		Ok(events.find_first::<E>().transpose()?)
	}

	/// [`Outcome::find`], for an event the transaction must have emitted.
	pub fn expect<E: DecodeAsEvent>(&self, what: &str) -> Result<E> {
		self.find::<E>()?.with_context(|| format!("the transaction emitted no {what}"))
	}
}

/// An event's fields as JSON, rendered from their types (see [`crate::output`]).
pub(crate) fn event_fields(metadata: &Metadata, event: &Event<'_, Config>) -> Result<Json> {
	let variant = metadata
		.pallet_by_event_index(event.pallet_index())
		.and_then(|pallet| pallet.event_variant_by_index(event.event_index()))
		.ok_or_else(|| {
			anyhow!("event {}.{} is not in the metadata", event.pallet_name(), event.event_name())
		})?;
	let mut fields = variant
		.fields
		.iter()
		.map(|field| scale_decode::Field::new(field.ty.id, field.name.as_deref()));
	let fields = decode_as_fields(&mut event.field_bytes(), &mut fields, metadata.types())
		.with_context(|| {
			format!("cannot decode event {}.{}", event.pallet_name(), event.event_name())
		})?;
	Ok(crate::output::render_fields(&fields, metadata.types()))
}
