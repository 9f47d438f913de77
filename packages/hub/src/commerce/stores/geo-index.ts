import { around, distance } from 'geokdbush';
import KDBush from 'kdbush';

/** A point to index: the caller's id and a position in degrees. */
export interface GeoPoint {
  id: string;
  lat: number;
  lon: number;
}

/** A point found near a position, with its great-circle distance in metres. */
export interface NearPoint {
  id: string;
  distanceM: number;
}

/** A static index of points answering "the k nearest" in microseconds (kd-tree over lon/lat). */
export interface GeoIndex {
  readonly size: number;
  nearest(lat: number, lon: number, limit: number, accept?: (id: string) => boolean): NearPoint[];
}

/** Build an index; rebuild it when the points change (building 100,000 points takes tens of ms). */
export function createGeoIndex(points: readonly GeoPoint[]): GeoIndex {
  const ids = points.map((p) => p.id);
  const lats = Float64Array.from(points, (p) => p.lat);
  const lons = Float64Array.from(points, (p) => p.lon);
  const tree = new KDBush(Math.max(points.length, 1));
  for (const p of points) tree.add(p.lon, p.lat);
  if (!points.length) tree.add(0, 0);
  tree.finish();
  return {
    size: points.length,
    nearest(lat, lon, limit, accept) {
      if (!points.length || limit <= 0) return [];
      const found = around(
        tree,
        lon,
        lat,
        limit,
        Number.POSITIVE_INFINITY,
        accept ? (i: number) => accept(ids[i] as string) : undefined,
      );
      return found.map((i) => ({
        id: ids[i] as string,
        distanceM: Math.round(distance(lon, lat, lons[i] as number, lats[i] as number) * 1000),
      }));
    },
  };
}
