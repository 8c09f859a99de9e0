//! A runtime API's answer: decoded once into its generated type, for the library and its
//! callers; rendered as JSON only where it is printed.

use crate::{
	output::{name_tuples, render},
	runtime::api::runtime_types::healthchain_primitives::Page,
};
use anyhow::{Context, Result};
use serde_json::Value as Json;
use std::sync::Arc;
use subxt::{ext::scale_value::scale::decode_as_type, Metadata};

/// How an answer reads as JSON beyond its types: the names given to the members of the tuples
/// it lists (`[[a, b], ..]` as `[{names[0]: a, names[1]: b}, ..]`).
#[derive(Clone, Copy, Debug)]
pub struct Style {
	/// The names of the members of the tuples a list answer holds, if it is one.
	pub tuple_names: Option<&'static [&'static str]>,
	/// The field of the answer that holds that list, if the answer is not the list itself.
	pub list_field: Option<&'static str>,
}

impl Style {
	/// Tuples as lists.
	pub const LISTS: Style = Style { tuple_names: None, list_field: None };

	/// The members of each listed tuple named `names`.
	pub const fn named(names: &'static [&'static str]) -> Style {
		Style { tuple_names: Some(names), ..Self::LISTS }
	}

	/// [`Style::named`], for the list in the answer's field `field`.
	pub const fn named_in(field: &'static str, names: &'static [&'static str]) -> Style {
		Style { tuple_names: Some(names), list_field: Some(field) }
	}

	fn name(self, mut json: Json) -> Json {
		let Some(names) = self.tuple_names else { return json };
		match self.list_field {
			None => name_tuples(json, names),
			Some(field) => {
				if let Some(list) = json.get_mut(field) {
					*list = name_tuples(list.take(), names);
				}
				json
			},
		}
	}
}

/// A runtime API's answer: its generated type (`answer.value()`, or through `Deref`), and
/// the bytes the node sent with their type in the runtime's metadata, from which
/// [`Answer::json`] renders it where it is printed (accounts as SS58 addresses, byte strings as
/// hex, options as the value or null: see [`crate::output`]).
#[derive(Clone, Debug)]
pub struct Answer<T> {
	value: T,
	bytes: Vec<u8>,
	ty: u32,
	metadata: Arc<Metadata>,
	style: Style,
}

impl<T> Answer<T> {
	pub(crate) fn new(value: T, bytes: Vec<u8>, ty: u32, metadata: Arc<Metadata>) -> Self {
		Self { value, bytes, ty, metadata, style: Style::LISTS }
	}

	/// The same answer, printed in `style`.
	pub fn styled(mut self, style: Style) -> Self {
		self.style = style;
		self
	}

	/// The answer, typed.
	pub fn value(&self) -> &T {
		&self.value
	}

	/// The answer, typed, without what prints it.
	pub fn into_value(self) -> T {
		self.value
	}

	/// The answer as JSON, rendered from its type in the runtime's metadata.
	pub fn json(&self) -> Result<Json> {
		Ok(self.style.name(self.rendered()?))
	}

	fn rendered(&self) -> Result<Json> {
		let value = decode_as_type(&mut &self.bytes[..], self.ty, self.metadata.types())
			.context("cannot render the node's answer")?;
		Ok(render(&value, self.metadata.types()))
	}
}

impl<T> core::ops::Deref for Answer<T> {
	type Target = T;

	fn deref(&self) -> &T {
		&self.value
	}
}

/// A page of a paged runtime API answer: its items.
pub trait Paged {
	/// What the page lists.
	type Item;

	/// The page's items.
	fn page_items(&self) -> &[Self::Item];
}

impl<Item, Cursor> Paged for Page<Item, Cursor> {
	type Item = Item;

	fn page_items(&self) -> &[Item] {
		&self.items
	}
}

/// A page that may not be there (`changes_after` before its milestone): no items.
impl<P: Paged> Paged for Option<P> {
	type Item = P::Item;

	fn page_items(&self) -> &[P::Item] {
		self.as_ref().map_or(&[], P::page_items)
	}
}

/// Every page of a paged answer, all read in the state of one block: typed (`items()`), and
/// printable as one JSON list.
#[derive(Clone, Debug)]
pub struct Pages<P> {
	pages: Vec<Answer<P>>,
	style: Style,
}

impl<P: Paged> Pages<P> {
	pub(crate) fn new(pages: Vec<Answer<P>>) -> Self {
		Self { pages, style: Style::LISTS }
	}

	/// Every item, in the order of the pages.
	pub fn items(&self) -> impl Iterator<Item = &P::Item> {
		self.pages.iter().flat_map(|page| page.value().page_items())
	}

	/// Whether no page holds an item.
	pub fn is_empty(&self) -> bool {
		self.items().next().is_none()
	}

	/// The same pages, printed in `style`.
	pub fn styled(mut self, style: Style) -> Self {
		self.style = style;
		self
	}

	/// The items as a JSON list, each rendered from its type in the runtime's metadata.
	pub fn json(&self) -> Result<Json> {
		let mut items = Vec::new();
		for page in &self.pages {
			let mut json = page.rendered()?;
			if let Some(Json::Array(page_items)) = json.get_mut("items").map(Json::take) {
				items.extend(page_items);
			}
		}
		Ok(self.style.name(Json::Array(items)))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;
	use healthchain_primitives::trial::DocumentKind;

	fn metadata() -> Arc<Metadata> {
		Arc::new(
			Metadata::decode_from(&include_bytes!("../../metadata/healthchain.scale")[..])
				.expect("the committed metadata decodes"),
		)
	}

	fn output(metadata: &Metadata, api: &str, method: &str) -> u32 {
		metadata
			.runtime_api_trait_by_name(api)
			.and_then(|api| api.method_by_name(method))
			.map(|method| method.output_ty())
			.expect("the runtime API is in the metadata")
	}

	#[test]
	fn an_answer_prints_from_its_type_with_its_tuples_named() {
		let metadata = metadata();
		let ty = output(&metadata, "TrialAnchoringApi", "in_force_at");
		let value =
			Some(vec![(DocumentKind::Protocol, 2u32), (DocumentKind::InformedConsentForm, 1)]);
		let answer = Answer::new(value.clone(), value.encode(), ty, metadata.clone());
		assert_eq!(answer.value(), &value);
		assert_eq!(
			answer.json().unwrap(),
			serde_json::json!([["protocol", 2], ["informed_consent_form", 1]])
		);
		let named = answer.styled(Style::named(&["kind", "version"]));
		assert_eq!(
			named.json().unwrap(),
			serde_json::json!([
				{ "kind": "protocol", "version": 2 },
				{ "kind": "informed_consent_form", "version": 1 }
			])
		);
		let none: Option<Vec<(DocumentKind, u32)>> = None;
		let answer = Answer::new(none, None::<()>.encode(), ty, metadata);
		assert_eq!(answer.styled(Style::named(&["kind", "version"])).json().unwrap(), Json::Null);
	}
}
