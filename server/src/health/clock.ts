import { Injectable } from '@nestjs/common';

/** The one clock of the server: domain code receives time, it never reads it. */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }
}
