import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * Table types. NUMERIC columns are typed `Numeric` so that only decimal strings go in and come
 * out: a JS number cannot be inserted by accident, and amounts stay exact end to end.
 */
export type Numeric = ColumnType<string, string, string>;
/** DATE columns are read and written as ISO `YYYY-MM-DD` strings on both drivers. */
export type IsoDate = ColumnType<string, string, string>;
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T> = ColumnType<T, string, string>;

/** A service-wide key/value setting (e.g. when the first administrator key was issued). */
export interface ServiceSettingTable {
  key: string;
  value: string;
  created_at: Generated<Date>;
}

export interface Database {
  service_setting: ServiceSettingTable;
}

export type ServiceSetting = Selectable<ServiceSettingTable>;
export type NewServiceSetting = Insertable<ServiceSettingTable>;
