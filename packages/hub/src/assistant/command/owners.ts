/**
 * Rooms named after who sleeps there ("Leo's room", "camera dei nonni", "chambre de Léo", "乐乐房间")
 * are called by that name alone: "Leo's fan", "l'abat-jour dei nonni", "乐乐的月亮灯". The owner is
 * another name of the place, unless a device or another place is called so.
 */
import { foldText } from '../nlu/normalize.js';

const OWNED: RegExp[] = [
  /^(?:the\s+)?(.+?)['’]s\s+(?:room|bedroom|study|office|den|nursery|playroom|corner)$/iu,
  /^(?:camera|cameretta|stanza|studio|angolo)\s+(?:di|del|della|dei|degli|delle)\s+(.+)$/iu,
  /^(?:chambre|coin|bureau)\s+(?:(?:des|du|de\s+la|de)\s+|d['’]\s*)(.+)$/iu,
  /^(.{2,}?)(?:的)?(?:房间|卧室|房|屋)$/u,
];

/** The owner's name in a place's name, or null when the name says no owner. */
export function ownerOf(placeName: string): string | null {
  const name = placeName.trim();
  for (const pattern of OWNED) {
    const owner = name.match(pattern)?.[1]?.trim();
    if (owner && [...owner].length >= 2) return owner;
  }
  return null;
}

/** Owners' names as further names of their places, where nothing else in the home is called so. */
export function ownerNames(
  areas: ReadonlyArray<{ id: string; names: readonly string[] }>,
  deviceNames: readonly string[],
): Array<{ text: string; value: string }> {
  const taken = new Set([...deviceNames, ...areas.flatMap((a) => a.names)].map(foldText));
  const found = areas.flatMap((a) =>
    a.names.flatMap((n) => {
      const owner = ownerOf(n);
      return owner && !taken.has(foldText(owner)) ? [{ text: owner, value: a.id }] : [];
    }),
  );
  // An owner two places share ("camera di Leo", "bagno di Leo") names neither.
  const places = new Map<string, Set<string>>();
  for (const f of found)
    places.set(foldText(f.text), (places.get(foldText(f.text)) ?? new Set()).add(f.value));
  const seen = new Set<string>();
  return found.filter((f) => {
    const key = foldText(f.text);
    if ((places.get(key)?.size ?? 0) > 1 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
