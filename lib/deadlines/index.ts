export * from './calendar';
export { addWorkingDays, addWorkingDaysDetailed, type WorkingDaysResult } from './workingDays';
export * from './processing';
