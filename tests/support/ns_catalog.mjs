// A NetSuite account's catalogue for the stand-in (POST /__catalog), in NetSuite's own field
// names: `locations` locations of `bins` bins each (codes Z-nn: zone Z), `items` items (every
// 10th lot-tracked, every 25th serial-tracked), and on-hand for each item at each location
// in one or two bins (a lot or serials for tracked items). Deterministic.
import { gtin13 } from "../../scripts/demo-seed.mjs";

export function nsCatalog({ locations = 2, bins = 6, items = 20, firstItem = 100 } = {}) {
  // Two units types (unitsTypeUom, each with its base unit): a third of the items in cases of 12
  // and pallets of 480, a third in cases of 6; every fifth item has a UPC code.
  const out = { locations: [], bins: [], items: [], balances: [], numbers: [], units: [
    { internalid: 1, unitstype: 1, unitname: "Each", abbreviation: "EA", conversionrate: 1, baseunit: "T" },
    { internalid: 2, unitstype: 1, unitname: "Case", abbreviation: "CS", conversionrate: 12, baseunit: "F" },
    { internalid: 3, unitstype: 1, unitname: "Pallet", abbreviation: "PLT", conversionrate: 480, baseunit: "F" },
    { internalid: 4, unitstype: 2, unitname: "Each", abbreviation: "EA", conversionrate: 1, baseunit: "T" },
    { internalid: 5, unitstype: 2, unitname: "Case of 6", abbreviation: "", conversionrate: 6, baseunit: "F" },
  ] };
  let binId = 500, numberId = 7000;
  for (let l = 1; l <= locations; l++) {
    out.locations.push({ id: l, name: `Warehouse ${l}`, isinactive: "F" });
    for (let b = 0; b < bins; b++) {
      out.bins.push({ id: binId++, binnumber: `${"ABC"[b % 3]}-${String(b + 1).padStart(2, "0")}`, location: l, isinactive: "F" });
    }
  }
  for (let i = 0; i < items; i++) {
    const id = firstItem + i;
    const serial = i % 25 === 24, lot = !serial && i % 10 === 9;
    out.items.push({ id, itemid: `NS-${String(id).padStart(5, "0")}`, displayname: `Synced item ${id}`, class: "Parts",
      averagecost: (1 + (i % 40) * 0.37).toFixed(4), islotitem: lot ? "T" : "F", isserialitem: serial ? "T" : "F", isinactive: "F",
      lastmodifieddate: "2026-11-01T00:00:00Z", unitstype: [1, 2, null][i % 3], upccode: i % 5 === 0 ? gtin13("4006382", id) : null });
    for (let l = 1; l <= locations; l++) {
      const locBins = out.bins.filter((b) => b.location === l);
      const bin = locBins[i % locBins.length];
      if (serial) {
        for (let s = 1; s <= 2; s++) {
          const n = { id: numberId++, inventorynumber: `SN-${id}-${l}-${s}`, item: id };
          out.numbers.push(n);
          out.balances.push({ item: id, location: l, binnumber: bin.id, inventorynumber: n.id, quantityonhand: 1 });
        }
      } else if (lot) {
        const n = { id: numberId++, inventorynumber: `LOT-${id}-${l}`, item: id };
        out.numbers.push(n);
        out.balances.push({ item: id, location: l, binnumber: bin.id, inventorynumber: n.id, quantityonhand: 10 + (i % 7) });
      } else {
        out.balances.push({ item: id, location: l, binnumber: bin.id, quantityonhand: 20 + ((i * 7 + l) % 30) });
        if (i % 4 === 0) out.balances.push({ item: id, location: l, binnumber: locBins[(i + 1) % locBins.length].id, quantityonhand: 5 });
      }
    }
  }
  return out;
}
