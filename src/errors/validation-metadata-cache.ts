import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Lookup = Storage['getTargetValidationMetadatas'];
type Metadatas = ReturnType<Lookup>;

let installed = false;

/**
 * class-validator resolves a class's rules on every object it validates by scanning every
 * registered class for ancestors (typestack/class-validator#2686, open): per item of a list of
 * 2,000 transactions, ~100 classes scanned and arrays built, about half the validation time and
 * most of its garbage. A class's rules, its own and inherited, are all registered when the class
 * is defined, before anything can be validated as one, so the answer is kept per class and
 * arguments. Installed once, on the one metadata storage class-validator keeps per process.
 */
export function cacheValidationMetadata(): void {
  if (installed) return;
  installed = true;
  const storage = getMetadataStorage();
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const byTarget = new WeakMap<object, Map<string, Metadatas>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = JSON.stringify([schema, always, strictGroups, groups ?? null]);
    let cached = byTarget.get(target);
    if (!cached) byTarget.set(target, (cached = new Map<string, Metadatas>()));
    let metadatas = cached.get(key);
    if (!metadatas) cached.set(key, (metadatas = lookup(target, schema, always, strictGroups, groups)));
    return metadatas;
  };
  const group = storage.groupByPropertyName.bind(storage);
  const grouped = new WeakMap<Metadatas, ReturnType<Storage['groupByPropertyName']>>();
  storage.groupByPropertyName = (metadatas) => {
    let byProperty = grouped.get(metadatas);
    if (!byProperty) grouped.set(metadatas, (byProperty = group(metadatas)));
    return byProperty;
  };
}
