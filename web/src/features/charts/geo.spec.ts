import { describe, expect, it } from 'vitest';
import { centroid, centroids, isDistrictCollection, spread, type DistrictCollection } from './geo';

const square = (x: number, y: number, size: number) => [
  [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ],
];

describe('district geometry', () => {
  it('finds the centroid of a polygon, and of the largest part of a multipolygon', () => {
    expect(centroid({ type: 'Polygon', coordinates: square(120, 36, 0.2) })).toEqual([expect.closeTo(120.1, 9), expect.closeTo(36.1, 9)]);
    // a big district with a small island far away: the centroid stays on the mainland
    const c = centroid({ type: 'MultiPolygon', coordinates: [square(121, 35, 0.01), square(120, 36, 0.4)] })!;
    expect(c[0]).toBeCloseTo(120.2, 9);
    expect(c[1]).toBeCloseTo(36.2, 9);
  });

  it('reads a FeatureCollection and names each centroid by district', () => {
    const geo: DistrictCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: '甲区' }, geometry: { type: 'Polygon', coordinates: square(120, 36, 0.2) } },
        { type: 'Feature', properties: { name: '乙区' }, geometry: { type: 'Polygon', coordinates: square(121, 36, 0.2) } },
      ],
    };
    expect(isDistrictCollection(geo)).toBe(true);
    expect(isDistrictCollection({ type: 'FeatureCollection', features: [{ properties: {} }] })).toBe(false);
    expect(isDistrictCollection({ error: 'unauthorized' })).toBe(false);
    expect(Object.keys(centroids(geo))).toEqual(['甲区', '乙区']);
  });

  it('spreads markers on a spiral: the first at the centre, each apart from the others', () => {
    const center: [number, number] = [120.4, 36.1];
    const points = Array.from({ length: 12 }, (_, i) => spread(center, i));
    expect(points[0]).toEqual(center);
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) {
        const d = Math.hypot(points[i]![0] - points[j]![0], points[i]![1] - points[j]![1]);
        expect(d).toBeGreaterThan(0.04);
      }
    }
    // and not far: a dozen alerts stay within a district's reach
    expect(Math.max(...points.map((p) => Math.hypot(p[0] - center[0], p[1] - center[1])))).toBeLessThan(0.35);
  });
});
