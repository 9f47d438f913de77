import { describe, expect, it } from 'vitest';
import { createGeoIndex } from './geo-index.js';

function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

describe('geo index', () => {
  it('finds the same nearest points as a brute-force scan', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const points = Array.from({ length: 2000 }, (_, i) => ({
      id: `s${i}`,
      lat: 36 + random() * 10,
      lon: 6 + random() * 12,
    }));
    const index = createGeoIndex(points);
    for (let q = 0; q < 50; q++) {
      const lat = 36 + random() * 10;
      const lon = 6 + random() * 12;
      const brute = points
        .map((p) => ({ id: p.id, d: haversineM(lat, lon, p.lat, p.lon) }))
        .sort((a, b) => a.d - b.d)
        .slice(0, 5);
      const found = index.nearest(lat, lon, 5);
      expect(found.map((f) => f.id)).toEqual(brute.map((b) => b.id));
      found.forEach((f, i) => {
        expect(Math.abs(f.distanceM - (brute[i]?.d ?? 0))).toBeLessThan(brute[i]!.d * 0.005 + 2);
      });
    }
  });

  it('skips points a predicate refuses and answers nothing when empty', () => {
    const index = createGeoIndex([
      { id: 'closed', lat: 45.46, lon: 9.19 },
      { id: 'open', lat: 45.5, lon: 9.3 },
    ]);
    expect(index.nearest(45.46, 9.19, 1, (id) => id !== 'closed').map((p) => p.id)).toEqual(['open']);
    expect(createGeoIndex([]).nearest(0, 0, 5)).toEqual([]);
  });
});
