import type { Channel } from '@jointduty/shared';
import { localParts } from './clock';
import { Merchants } from './merchants';
import { People } from './people';
import { Places } from './places';
import type { Rng } from './rng';
import { Scenes } from './scenes';
import type { World } from './world';

const ID_PART: Record<Channel, string> = { '12345': 'GD', '12315': 'TS', '110': 'JJ', sentiment: 'YQ' };
const ID_MAX = 64;

// The generator's state, which its parts share: the world, the random stream drawn from now (the
// episodes' own while one is planned, so that episodes do not change the ordinary records), the
// record counter, and the parts that keep places, merchants, people and scenes.
export class Sim {
  rng: Rng;
  readonly places: Places;
  readonly merchants: Merchants;
  readonly people: People;
  readonly scenes: Scenes;
  private counter = 0;

  constructor(
    readonly world: World,
    rng: Rng,
    private readonly idPrefix: string,
  ) {
    this.rng = rng;
    this.places = new Places(this);
    this.merchants = new Merchants(this);
    this.people = new People(this);
    this.scenes = new Scenes(this);
  }

  // Runs fn drawing from `rng`, then goes back to the stream drawn from before.
  drawingFrom<T>(rng: Rng, fn: () => T): T {
    const saved = this.rng;
    this.rng = rng;
    try {
      return fn();
    } finally {
      this.rng = saved;
    }
  }

  // A record's external id: unique within the generator and across restarts (the time is in it).
  id(channel: Channel, at: Date): string {
    this.counter++;
    const l = localParts(at);
    const id = `${this.idPrefix}-${ID_PART[channel]}-${l.y}${l.mo}${l.d}-${at.getTime().toString(36)}-${this.counter.toString(36)}`;
    return id.length <= ID_MAX ? id : id.slice(id.length - ID_MAX);
  }
}
