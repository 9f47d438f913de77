/** A device as `GET /api/v1/devices` returns it (properties are the last reported values by TSL identifier). */
export interface Device {
  id: string;
  productKey: string;
  category: string;
  homeId: string;
  areaId: string | null;
  name: string;
  online: boolean;
  disabled: boolean;
  properties: Record<string, unknown>;
  createdAt: number;
}

/** An area of the home. */
export interface Area {
  id: string;
  name: string;
}

/** An Alink TSL data type, as the product's thing model states it. */
export interface DataType {
  type: string;
  specs?: Record<string, unknown>;
}

/** The parts of a thing model the screen reads. */
export interface ThingModel {
  properties?: Array<{ identifier: string; name?: string; accessMode?: string; dataType: DataType }>;
  services?: Array<{ identifier: string; name?: string }>;
}

/** A product: its thing model and which identifier carries which capability. */
export interface Product {
  productKey: string;
  name: string;
  category: string;
  thingModel: ThingModel;
  capabilities: Record<string, string>;
}
