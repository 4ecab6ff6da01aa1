import { Injectable } from '@nestjs/common';

/** The current instant, injectable so that tests can set the date of the fair. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
