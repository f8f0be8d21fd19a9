//! The building blocks of template context: typed views declared with [`view!`], typed
//! handles to views already built ([`Ref`], [`List`]), [`Html`] printed as is, and small
//! helpers shared by views and pages.
//!
//! A view is a plain struct whose fields are what a template may read. `view!` also records
//! each field's name, type and documentation, from which `docs/templates.md` is generated and
//! against which a test checks every page's real context (`template_docs.rs`). Converting a
//! view to a Tera value copies no nested view: `Ref` and `List` hold reference-counted
//! values, so a topic page that lists 5,000 quote cards copies pointers, not cards.

use std::marker::PhantomData;

use tera::Value;

/// One documented field of a view: its name, its type as written, and its documentation.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: &'static str,
    pub doc: &'static str,
}

/// What the template reference knows of a view type.
pub trait ViewType {
    const NAME: &'static str;
    const DOC: &'static str;
    /// Every field, the base view's first.
    fn fields() -> Vec<Field>;
}

/// A view of type `T`, already built (shared, not copied, wherever it is shown).
pub struct Ref<T>(Value, PhantomData<T>);

impl<T> Ref<T> {
    pub fn new(value: Value) -> Ref<T> {
        Ref(value, PhantomData)
    }

    pub fn value(&self) -> &Value {
        &self.0
    }
}

impl<T> Clone for Ref<T> {
    fn clone(&self) -> Ref<T> {
        Ref::new(self.0.clone())
    }
}

impl<T> From<Ref<T>> for Value {
    fn from(value: Ref<T>) -> Value {
        value.0
    }
}

/// A list of views of type `T`.
pub struct List<T>(Value, PhantomData<T>);

impl<T> List<T> {
    pub fn new(items: impl IntoIterator<Item = Ref<T>>) -> List<T> {
        List(list(items.into_iter().map(Value::from)), PhantomData)
    }
}

impl<T> From<List<T>> for Value {
    fn from(value: List<T>) -> Value {
        value.0
    }
}

/// HTML made by dossier (Markdown bodies, rendered cards): templates print it unescaped.
pub struct Html(Value);

impl Html {
    pub fn new(html: &str) -> Html {
        Html(Value::safe_string(html))
    }

    /// A rendered body in the pages' language: its footnote numbers in the language's
    /// digits (`۱` on a Persian page).
    pub fn body(html: &str, strings: &crate::strings::Strings) -> Html {
        // In Latin digits (most sites) the numbers are already right: no scan, no copy.
        if strings.number(0) == "0" {
            return Html::new(html);
        }
        let html = crate::link::markdown::localize_footnote_numbers(html, |n| strings.number(n));
        Html::new(&html)
    }
}

impl From<Html> for Value {
    fn from(value: Html) -> Value {
        value.0
    }
}

/// Free-form values from front matter or `site.toml` (`[extra]`), as written.
pub struct Extra(Value);

impl Extra {
    pub fn new<T: serde::Serialize + ?Sized>(value: &T) -> Extra {
        Extra(Value::from_serializable(value))
    }
}

impl From<Extra> for Value {
    fn from(value: Extra) -> Value {
        value.0
    }
}

/// The interface strings without placeholders or plural forms, as `site.i18n.<table>.<name>`
/// (`{{ site.i18n.nav.articles }}`): HTML, printed as they are. Reading a value costs a
/// template far less than calling `t()` (which builds its arguments on every call), and
/// the header and footer of every page print twenty of them.
pub struct InterfaceStrings(Value);

impl InterfaceStrings {
    pub fn new(strings: &crate::strings::Strings) -> InterfaceStrings {
        let mut tables: std::collections::BTreeMap<&str, tera::Map> = Default::default();
        for (key, html) in strings.plain_strings() {
            if let Some((table, name)) = key.split_once('.') {
                tables.entry(table).or_default().insert(
                    tera::value::Key::from(name.to_string()),
                    Value::safe_string(&html),
                );
            }
        }
        let map: tera::Map = tables
            .into_iter()
            .map(|(table, names)| {
                (
                    tera::value::Key::from(table.to_string()),
                    Value::from(names),
                )
            })
            .collect();
        InterfaceStrings(Value::from(map))
    }
}

impl From<InterfaceStrings> for Value {
    fn from(value: InterfaceStrings) -> Value {
        value.0
    }
}

/// Declares a view (see the module documentation). `Name: Base { … }` starts from a built
/// `Base` view and adds fields to it (e.g. a quote card is the quote's data plus its HTML).
macro_rules! view {
    (
        $(#[doc = $doc:literal])*
        $name:ident { $( $(#[doc = $fdoc:literal])* $field:ident : $ty:ty, )* }
    ) => {
        $(#[doc = $doc])*
        pub struct $name { $( $(#[doc = $fdoc])* pub $field: $ty, )* }

        impl $name {
            pub fn into_value(self) -> tera::Value {
                let mut map = tera::Map::new();
                $( map.insert(tera::value::Key::from(stringify!($field)), tera::Value::from(self.$field)); )*
                tera::Value::from(map)
            }

            /// This view, built, as a typed handle.
            pub fn into_ref(self) -> $crate::render::values::Ref<$name> {
                $crate::render::values::Ref::new(self.into_value())
            }

            /// Puts each field into `context` as a top-level name (page contexts).
            #[allow(dead_code)]
            pub fn insert_into(self, context: &mut tera::Context) {
                $( context.insert_value(stringify!($field), tera::Value::from(self.$field)); )*
            }
        }

        impl $crate::render::values::ViewType for $name {
            const NAME: &'static str = stringify!($name);
            const DOC: &'static str = concat!($($doc, "\n",)*);
            fn fields() -> Vec<$crate::render::values::Field> {
                vec![$( $crate::render::values::Field {
                    name: stringify!($field),
                    ty: stringify!($ty),
                    doc: concat!($($fdoc, " ",)*),
                }, )*]
            }
        }
    };
    (
        $(#[doc = $doc:literal])*
        $name:ident : $base:ident { $( $(#[doc = $fdoc:literal])* $field:ident : $ty:ty, )* }
    ) => {
        $(#[doc = $doc])*
        pub struct $name {
            pub base: $crate::render::values::Ref<$base>,
            $( $(#[doc = $fdoc])* pub $field: $ty, )*
        }

        impl $name {
            pub fn into_value(self) -> tera::Value {
                let mut map = tera::Value::from(self.base).into_map().unwrap_or_default();
                $( map.insert(tera::value::Key::from(stringify!($field)), tera::Value::from(self.$field)); )*
                tera::Value::from(map)
            }

            pub fn into_ref(self) -> $crate::render::values::Ref<$name> {
                $crate::render::values::Ref::new(self.into_value())
            }
        }

        impl $crate::render::values::ViewType for $name {
            const NAME: &'static str = stringify!($name);
            const DOC: &'static str = concat!($($doc, "\n",)*);
            fn fields() -> Vec<$crate::render::values::Field> {
                let mut fields = <$base as $crate::render::values::ViewType>::fields();
                fields.extend([$( $crate::render::values::Field {
                    name: stringify!($field),
                    ty: stringify!($ty),
                    doc: concat!($($fdoc, " ",)*),
                }, )*]);
                fields
            }
        }
    };
}
pub(crate) use view;

/// Builds a template map from `(key, value)` pairs.
pub fn obj<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    Value::from(
        pairs
            .into_iter()
            .map(|(key, value)| (tera::value::Key::from(key), value))
            .collect::<tera::Map>(),
    )
}

pub fn list(values: impl IntoIterator<Item = Value>) -> Value {
    Value::from(values.into_iter().collect::<Vec<Value>>())
}

/// Text direction of a language tag: right-to-left for Persian, Arabic, Hebrew, Urdu…
pub fn text_direction(language: &str) -> &'static str {
    crate::strings::direction(language)
}

/// The first `max` characters of `text`, cut at a word, with an ellipsis.
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}
